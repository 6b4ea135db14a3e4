import Foundation

/// How CLIP's tokenizer (as ComfyUI runs it, through Hugging Face's `CLIPTokenizer` without ftfy) prepares text
/// before byte-pair encoding: Unicode NFC, control characters removed, whitespace collapsed, lower-cased, then cut
/// into pieces by CLIP's pattern (`'s|'t|'re|'ve|'m|'ll|'d|\p{L}+|\p{N}|[^\s\p{L}\p{N}]+`).
enum CLIPTextPieces {
    /// The pieces of `text`, each to be byte-pair encoded on its own.
    static func pieces(of text: String) -> [String] {
        let cleaned = normalized(text)
        let scalars = Array(cleaned.unicodeScalars)
        var pieces: [String] = []
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar.properties.isWhitespace {
                index += 1
                continue
            }
            let length = pieceLength(scalars, at: index)
            var piece = String.UnicodeScalarView()
            piece.append(contentsOf: scalars[index..<(index + length)])
            pieces.append(String(piece))
            index += length
        }
        return pieces
    }

    /// NFC, control and replacement characters dropped, whitespace runs to one space, lower-case.
    static func normalized(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        for scalar in text.precomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.value == 0 || scalar.value == 0xFFFD { continue }
            if scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar.properties.isWhitespace {
                output.append(" ")
                continue
            }
            let category = scalar.properties.generalCategory
            if category == .control || category == .format { continue }
            output.append(scalar)
        }
        return String(output).split(separator: " ").map { $0.lowercased() }.joined(separator: " ")
    }

    /// The length of the piece starting at `index`, trying CLIP's alternatives in its order.
    private static func pieceLength(_ scalars: [Unicode.Scalar], at index: Int) -> Int {
        if scalars[index] == "'" {
            for contraction in ["s", "t", "re", "ve", "m", "ll", "d"] {
                let letters = Array(contraction.unicodeScalars)
                if index + letters.count < scalars.count, Array(scalars[(index + 1)...(index + letters.count)]) == letters {
                    return letters.count + 1
                }
            }
        }
        if isLetter(scalars[index]) {
            var end = index
            while end < scalars.count, isLetter(scalars[end]) { end += 1 }
            return end - index
        }
        if isNumber(scalars[index]) { return 1 }
        var end = index
        while end < scalars.count, !scalars[end].properties.isWhitespace, !isLetter(scalars[end]), !isNumber(scalars[end]) { end += 1 }
        return end - index
    }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: true
        default: false
        }
    }

    private static func isNumber(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber: true
        default: false
        }
    }
}
