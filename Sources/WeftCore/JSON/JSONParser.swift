import OrderedCollections

/// Reads JSON text into a ``JSONValue``.
///
/// Any input, however hostile, yields a value or a ``JSONParseError``; nesting deeper than
/// ``maximumDepth`` is an error rather than a stack overflow.
public struct JSONParser: Sendable {
    /// Containers nested deeper than this are rejected. Workflows nest a few levels; 128 keeps a debug build's
    /// recursion well inside a 512 KiB thread stack (about 2.5 KiB per level there, 128 bytes in release).
    public var maximumDepth: Int

    public init(maximumDepth: Int = 128) {
        self.maximumDepth = maximumDepth
    }

    /// Parses a complete document; trailing non-whitespace is an error.
    public func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8))
    }

    /// Parses a complete document from UTF-8 bytes.
    public func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { buffer throws(JSONParseError) in try parse(bytes: buffer) }
    }

    private func parse(bytes: UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> JSONValue {
        var reader = JSONReader(bytes: bytes, maximumDepth: maximumDepth)
        return try reader.readDocument()
    }
}

/// The cursor behind ``JSONParser``: one pass over the bytes, recursion bounded by the depth limit.
private struct JSONReader {
    let bytes: UnsafeBufferPointer<UInt8>
    let maximumDepth: Int
    var position = 0
    var depth = 0

    init(bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
    }

    mutating func readDocument() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        let value = try readValue()
        skipWhitespace()
        guard position == bytes.count else { throw failure("unexpected text after the document") }
        return value
    }

    // MARK: values

    mutating func readValue() throws(JSONParseError) -> JSONValue {
        guard position < bytes.count else { throw failure("unexpected end of input") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try readObject()
        case UInt8(ascii: "["): return try readArray()
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "N"): try expectWord("NaN"); return .double(.nan)
        case UInt8(ascii: "I"): try expectWord("Infinity"); return .double(.infinity)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try readNumber()
        default: throw failure("unexpected character \(describe(bytes[position]))")
        }
    }

    mutating func readObject() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        position += 1
        var members = OrderedDictionary<String, JSONValue>()
        skipWhitespace()
        if peek(UInt8(ascii: "}")) {
            position += 1
            depth -= 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard peek(UInt8(ascii: "\"")) else { throw failure("expected a string key") }
            let key = try readString()
            skipWhitespace()
            guard peek(UInt8(ascii: ":")) else { throw failure("expected ':' after an object key") }
            position += 1
            skipWhitespace()
            members[key] = try readValue()
            skipWhitespace()
            if peek(UInt8(ascii: ",")) {
                position += 1
                continue
            }
            guard peek(UInt8(ascii: "}")) else { throw failure("expected ',' or '}' in an object") }
            position += 1
            depth -= 1
            return .object(members)
        }
    }

    mutating func readArray() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        position += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if peek(UInt8(ascii: "]")) {
            position += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try readValue())
            skipWhitespace()
            if peek(UInt8(ascii: ",")) {
                position += 1
                continue
            }
            guard peek(UInt8(ascii: "]")) else { throw failure("expected ',' or ']' in an array") }
            position += 1
            depth -= 1
            return .array(elements)
        }
    }

    mutating func enterContainer() throws(JSONParseError) {
        depth += 1
        guard depth <= maximumDepth else { throw failure("nesting deeper than \(maximumDepth) levels") }
    }

    // MARK: numbers

    mutating func readNumber() throws(JSONParseError) -> JSONValue {
        let start = position
        if peek(UInt8(ascii: "-")) {
            position += 1
            if peek(UInt8(ascii: "I")) {
                try expectWord("Infinity")
                return .double(-.infinity)
            }
        }
        let integerStart = position
        try skipDigits()
        if bytes[integerStart] == UInt8(ascii: "0"), position - integerStart > 1 {
            throw failure("leading zeros are not allowed", at: integerStart)
        }
        var isInteger = true
        if peek(UInt8(ascii: ".")) {
            isInteger = false
            position += 1
            try skipDigits()
        }
        if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
            isInteger = false
            position += 1
            if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { position += 1 }
            try skipDigits()
        }
        let literal = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        if isInteger, let exact = Int128(literal) { return .integer(exact) }
        guard let approximate = Double(literal) else { throw failure("malformed number '\(literal)'", at: start) }
        return .double(approximate)
    }

    mutating func skipDigits() throws(JSONParseError) {
        let start = position
        while position < bytes.count, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9") {
            position += 1
        }
        guard position > start else { throw failure("expected a digit") }
    }

    // MARK: strings

    mutating func readString() throws(JSONParseError) -> String {
        let openingQuote = position
        position += 1
        let contentStart = position
        // Fast path: no escapes, so the bytes can be decoded in one go.
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let content = UnsafeBufferPointer(rebasing: bytes[contentStart..<position])
                position += 1
                return try decodeUTF8(content, at: contentStart)
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw failure("control character in a string") }
            position += 1
        }
        guard position < bytes.count else { throw failure("unterminated string", at: openingQuote) }
        var scalars = Array(UnsafeBufferPointer(rebasing: bytes[contentStart..<position]))
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                return try decodeUTF8(scalars, at: contentStart)
            case UInt8(ascii: "\\"):
                position += 1
                try readEscape(into: &scalars)
            case ..<0x20:
                throw failure("control character in a string")
            default:
                scalars.append(byte)
                position += 1
            }
        }
        throw failure("unterminated string", at: openingQuote)
    }

    mutating func readEscape(into output: inout [UInt8]) throws(JSONParseError) {
        guard position < bytes.count else { throw failure("unterminated escape") }
        let escape = bytes[position]
        position += 1
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(escape)
        case UInt8(ascii: "b"): output.append(0x08)
        case UInt8(ascii: "f"): output.append(0x0C)
        case UInt8(ascii: "n"): output.append(0x0A)
        case UInt8(ascii: "r"): output.append(0x0D)
        case UInt8(ascii: "t"): output.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try readHexQuad()
            if (0xD800...0xDBFF).contains(scalar), peek(UInt8(ascii: "\\")), position + 1 < bytes.count,
                bytes[position + 1] == UInt8(ascii: "u")
            {
                let save = position
                position += 2
                let low = try readHexQuad()
                if (0xDC00...0xDFFF).contains(low) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    position = save
                }
            }
            // A lone surrogate cannot be represented in a Swift string: it becomes U+FFFD, as in most decoders.
            let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
            output.append(contentsOf: Array(String(character).utf8))
        default:
            throw failure("invalid escape '\\\(describe(escape))'", at: position - 2)
        }
    }

    mutating func readHexQuad() throws(JSONParseError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw failure("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw failure("invalid hex digit in \\u escape")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    func decodeUTF8(_ content: some Collection<UInt8>, at offset: Int) throws(JSONParseError) -> String {
        guard let text = String(validating: content, as: UTF8.self) else {
            throw failure("string is not valid UTF-8", at: offset)
        }
        return text
    }

    // MARK: helpers

    mutating func expectWord(_ word: StaticString) throws(JSONParseError) {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count else { throw failure("unexpected end of input") }
        for index in 0..<count where bytes[position + index] != word.utf8Start[index] {
            throw failure("unexpected character \(describe(bytes[position + index]))", at: position + index)
        }
        position += count
    }

    func peek(_ byte: UInt8) -> Bool {
        position < bytes.count && bytes[position] == byte
    }

    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    func describe(_ byte: UInt8) -> String {
        (0x21..<0x7F).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
    }

    func failure(_ reason: String, at offset: Int? = nil) -> JSONParseError {
        let end = min(offset ?? position, bytes.count)
        var line = 1
        var lineStart = 0
        for index in 0..<end where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        return JSONParseError(reason: reason, line: line, column: end - lineStart + 1)
    }
}
