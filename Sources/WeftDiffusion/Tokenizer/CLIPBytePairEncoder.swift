import Foundation

/// CLIP's byte-level byte-pair encoder: each piece's UTF-8 bytes are mapped to printable characters, the last one
/// marked `</w>`, and adjacent symbols merged by the rank of their pair in `merges.txt` until no ranked pair is left;
/// the resulting symbols are looked up in `vocab.json`.
final class CLIPBytePairEncoder: @unchecked Sendable {
    // Sendable: `cache` is only touched under `lock`; everything else is immutable after init.
    private let vocabulary: [String: Int]
    private let ranks: [String: Int]
    private let byteSymbols: [String]
    private var cache: [String: [Int]] = [:]
    private let lock = NSLock()

    /// Loads the vocabulary and merges (the first line of `merges.txt` is a version comment; CLIP uses the first
    /// 48,894 merges).
    init(vocabularyJSON: Data, merges: String) throws {
        guard let vocabulary = try JSONSerialization.jsonObject(with: vocabularyJSON) as? [String: Int] else {
            throw CLIPTokenizerError.badVocabulary("vocab.json is not an object of token ids")
        }
        self.vocabulary = vocabulary
        var ranks: [String: Int] = [:]
        for (rank, line) in merges.split(separator: "\n").dropFirst().prefix(49152 - 256 - 2).enumerated() {
            ranks[String(line)] = rank
        }
        self.ranks = ranks
        byteSymbols = Self.byteSymbols()
    }

    /// The token ids of one piece.
    func encode(_ piece: String) throws -> [Int] {
        if let cached = lock.withLock({ cache[piece] }) { return cached }
        var symbols = piece.utf8.map { byteSymbols[Int($0)] }
        guard !symbols.isEmpty else { return [] }
        symbols[symbols.count - 1] += "</w>"
        while symbols.count > 1 {
            var best: (rank: Int, index: Int)?
            for index in 0..<(symbols.count - 1) {
                if let rank = ranks[symbols[index] + " " + symbols[index + 1]], rank < (best?.rank ?? .max) {
                    best = (rank, index)
                }
            }
            guard let best else { break }
            let (first, second) = (symbols[best.index], symbols[best.index + 1])
            var merged: [String] = []
            var index = 0
            while index < symbols.count {
                if index < symbols.count - 1, symbols[index] == first, symbols[index + 1] == second {
                    merged.append(first + second)
                    index += 2
                } else {
                    merged.append(symbols[index])
                    index += 1
                }
            }
            symbols = merged
        }
        let ids = try symbols.map { symbol in
            guard let id = vocabulary[symbol] else { throw CLIPTokenizerError.badVocabulary("no id for the symbol \(symbol)") }
            return id
        }
        lock.withLock { cache[piece] = ids }
        return ids
    }

    /// GPT-2's reversible byte → printable character table: printable Latin-1 bytes stand for themselves, the other
    /// bytes for the characters from U+0100 up, in byte order.
    private static func byteSymbols() -> [String] {
        var symbols = [String](repeating: "", count: 256)
        var next: UInt32 = 256
        for byte in 0..<256 {
            let printable = (33...126).contains(byte) || (161...172).contains(byte) || (174...255).contains(byte)
            let scalar = printable ? UInt32(byte) : next
            if !printable { next += 1 }
            symbols[byte] = String(Character(Unicode.Scalar(scalar)!))
        }
        return symbols
    }
}
