import OrderedCollections
import Testing

@testable import WeftCore

@Suite("JSON parser")
struct JSONParserTests {
    // MARK: value kinds and order

    @Test func parsesEveryValueKind() throws {
        let value = try parseJSON(#"{"n":null,"t":true,"f":false,"i":-42,"d":1.5,"s":"x y","a":[1,[],{}],"o":{"k":"v"}}"#)
        let expected: JSONValue = [
            "n": nil, "t": true, "f": false, "i": -42, "d": 1.5, "s": "x y",
            "a": [1, [], [:]], "o": ["k": "v"],
        ]
        #expect(value == expected)
        #expect(value["i"] == .integer(-42))
        #expect(value["d"] == .double(1.5))
        #expect(value["n"] == .null)
        #expect(value["a"]?.arrayValue?.count == 3)
        #expect(value["s"]?.stringValue == "x y")
        #expect(value["missing"] == nil)
        #expect(value.typeName == "object")
        #expect(value["a"]?.typeName == "array")
        #expect(value["t"]?.typeName == "boolean")
        #expect(value["i"]?.typeName == "number")
        #expect(value["d"]?.typeName == "number")
        #expect(value["n"]?.typeName == "null")
        #expect(value["s"]?.typeName == "string")
    }

    @Test func parsesScalarDocuments() throws {
        #expect(try parseJSON("null") == .null)
        #expect(try parseJSON("true") == .bool(true))
        #expect(try parseJSON("false") == .bool(false))
        #expect(try parseJSON("0") == .integer(0))
        #expect(try parseJSON(#""""#) == .string(""))
        #expect(try parseJSON("[]") == .array([]))
        #expect(try parseJSON("{}") == .object([:]))
        #expect(try parseJSON(" \t\r\n [ 1 , 2 ] \n\t\r ") == [1, 2])
    }

    @Test func keepsKeyOrder() throws {
        let value = try parseJSON(#"{"z":1,"a":2,"m":3,"b":{"9":0,"1":0,"5":0}}"#)
        #expect(value.objectValue.map { Array($0.keys) } == ["z", "a", "m", "b"])
        #expect(value["b"]?.objectValue.map { Array($0.keys) } == ["9", "1", "5"])
        #expect(value.serialized() == #"{"z":1,"a":2,"m":3,"b":{"9":0,"1":0,"5":0}}"#)
    }

    @Test func duplicateKeysKeepFirstPositionAndLastValue() throws {
        let value = try parseJSON(#"{"a":1,"b":2,"a":3,"c":4,"b":[5]}"#)
        #expect(value.objectValue.map { Array($0.keys) } == ["a", "b", "c"])
        #expect(value["a"] == .integer(3))
        #expect(value["b"] == [5])
        #expect(value.serialized() == #"{"a":3,"b":[5],"c":4}"#)
    }

    // MARK: numbers

    @Test func integersAreExactTo128Bits() throws {
        #expect(try parseJSON("18446744073709551615") == .integer(Int128(UInt64.max)))
        #expect(try parseJSON("18446744073709551616") == .integer(Int128(UInt64.max) + 1))
        #expect(try parseJSON("-9223372036854775808") == .integer(Int128(Int64.min)))
        #expect(try parseJSON("156680208700286") == .integer(156_680_208_700_286))
        #expect(try parseJSON("170141183460469231731687303715884105727") == .integer(.max))
        #expect(try parseJSON("-170141183460469231731687303715884105728") == .integer(.min))
        // One past Int128 in either direction, and 40 digits, become doubles.
        #expect(try parseJSON("170141183460469231731687303715884105728") == .double(0x1p127))
        #expect(try parseJSON("-170141183460469231731687303715884105729") == .double(-0x1p127))
        #expect(try parseJSON("1234567890123456789012345678901234567890") == .double(1.2345678901234568e39))
        #expect(try parseJSON("-1234567890123456789012345678901234567890") == .double(-1.2345678901234568e39))
    }

    @Test func floatsAndExponents() throws {
        #expect(try parseJSON("1.5") == .double(1.5))
        #expect(try parseJSON("-0.25") == .double(-0.25))
        #expect(try parseJSON("8.0") == .double(8.0))
        #expect(try parseJSON("1e3") == .double(1000))
        #expect(try parseJSON("1E+2") == .double(100))
        #expect(try parseJSON("2.5e-3") == .double(0.0025))
        #expect(try parseJSON("0e5") == .double(0))
        #expect(try parseJSON("1e-05") == .double(0.00001))
        #expect(try parseJSON("1e400") == .double(.infinity))
        #expect(try parseJSON("-1e400") == .double(-.infinity))
        #expect(try parseJSON("1e-400") == .double(0))
        #expect(try parseJSON("0.1") == .double(0.1))
        #expect(try parseJSON("1.7976931348623157e308") == .double(.greatestFiniteMagnitude))
        #expect(try parseJSON("5e-324") == .double(.leastNonzeroMagnitude))
    }

    @Test func negativeZero() throws {
        // Python reads "-0" as the int 0 and "-0.0" as the float -0.0.
        #expect(try parseJSON("-0") == .integer(0))
        guard case .double(let zero) = try parseJSON("-0.0") else {
            Issue.record("-0.0 is not a double")
            return
        }
        #expect(zero == 0)
        #expect(zero.sign == .minus)
        guard case .double(let exponentZero) = try parseJSON("-0e0") else {
            Issue.record("-0e0 is not a double")
            return
        }
        #expect(exponentZero.sign == .minus)
    }

    @Test func pythonSpecialFloats() throws {
        let value = try parseJSON("[NaN, Infinity, -Infinity]")
        guard case .array(let elements) = value, elements.count == 3,
            case .double(let nan) = elements[0], case .double(let inf) = elements[1], case .double(let negInf) = elements[2]
        else {
            Issue.record("unexpected \(value)")
            return
        }
        #expect(nan.isNaN)
        #expect(inf == .infinity)
        #expect(negInf == -.infinity)
        #expect(try parseJSON(#"{"a":NaN}"#)["a"]?.typeName == "number")
        for text in ["nan", "NAN", "inf", "infinity", "-NaN", "+Infinity", "Infinit", "-Inf", "NaNa", "-", "Nan"] {
            #expect(jsonError(text) != nil, "\(text) should be rejected")
        }
    }

    @Test func leadingZerosRejected() throws {
        for text in ["01", "-01", "00", "[01]", "00.5", "-00", "0123", #"{"a":007}"#] {
            #expect(jsonError(text)?.reason == "leading zeros are not allowed", "\(text)")
        }
        #expect(jsonError("[1, 012]") == JSONParseError(reason: "leading zeros are not allowed", line: 1, column: 5))
        #expect(try parseJSON("0") == .integer(0))
        #expect(try parseJSON("0.5") == .double(0.5))
        #expect(try parseJSON("10") == .integer(10))
    }

    @Test func malformedNumbersRejected() throws {
        let cases: [(String, String)] = [
            ("1.", "expected a digit"), (".5", "unexpected character '.'"), ("1e", "expected a digit"),
            ("1e+", "expected a digit"), ("-", "expected a digit"), ("+1", "unexpected character '+'"),
            ("1.e3", "expected a digit"), ("--1", "expected a digit"), ("-a", "expected a digit"),
        ]
        for (text, reason) in cases {
            #expect(jsonError(text)?.reason == reason, "\(text)")
        }
        #expect(jsonError("0x10")?.reason == "unexpected text after the document")
        #expect(jsonError("1.5.2")?.reason == "unexpected text after the document")
    }

    // MARK: strings

    @Test func escapes() throws {
        let value = try parseJSON(#""\"\\\/\b\f\n\r\t\u0041\u00e9\u00E9\u20ac\ud83d\ude00\u0000""#)
        #expect(value == .string("\"\\/\u{8}\u{C}\n\r\tAéé€😀\u{0}"))
        // Escapes mixed with raw multi-byte text on both sides.
        #expect(try parseJSON(#""日本\n語😀\u65e5""#) == .string("日本\n語😀日"))
        #expect(try parseJSON(#""\uD83D\uDE00""#) == .string("😀"))
    }

    @Test func loneSurrogatesBecomeReplacementCharacter() throws {
        #expect(try parseJSON(#""\ud800""#) == .string("\u{FFFD}"))
        #expect(try parseJSON(#""\udc00x""#) == .string("\u{FFFD}x"))
        #expect(try parseJSON(#""a\ud83d""#) == .string("a\u{FFFD}"))
        #expect(try parseJSON(#""\ud800\u0041""#) == .string("\u{FFFD}A"))
        #expect(try parseJSON(#""\ud800\ud83d\ude00""#) == .string("\u{FFFD}😀"))
        #expect(try parseJSON(#""\ude00\ud83d""#) == .string("\u{FFFD}\u{FFFD}"))
        #expect(try parseJSON(#""\ud800\n""#) == .string("\u{FFFD}\n"))
    }

    @Test func invalidEscapesRejected() throws {
        #expect(jsonError(#""\x""#) == JSONParseError(reason: "invalid escape '\\'x''", line: 1, column: 2))
        #expect(jsonError(#""ab\U0041""#)?.reason == "invalid escape '\\'U''")
        #expect(jsonError(#""\u12G4""#)?.reason == "invalid hex digit in \\u escape")
        #expect(jsonError(#"["\u12", 1]"#)?.reason == "invalid hex digit in \\u escape")
        #expect(jsonError(#""\u12"#)?.reason == "truncated \\u escape")
        #expect(jsonError(#""\"#)?.reason == "unterminated escape")
        #expect(jsonError(#""\ud800\u12"#)?.reason == "truncated \\u escape")
        #expect(jsonError(#""\ud800\uzzzz""#)?.reason == "invalid hex digit in \\u escape")
    }

    @Test func invalidUTF8Rejected() throws {
        let quote = UInt8(ascii: "\"")
        let backslash = UInt8(ascii: "\\")
        let badSequences: [[UInt8]] = [
            [0xFF], [0xC0, 0xAF], [0x80], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF0, 0x9F, 0x98],
            [0xC3, 0x28],
        ]
        for bad in badSequences {
            // Fast path (no escapes), and the slow path (an escape before and after the bad bytes).
            let fast = [quote, UInt8(ascii: "a")] + bad + [quote]
            #expect(jsonError(bytes: fast) == JSONParseError(reason: "string is not valid UTF-8", line: 1, column: 2), "\(bad)")
            let slow = [quote, backslash, UInt8(ascii: "n")] + bad + [backslash, UInt8(ascii: "t"), quote]
            #expect(jsonError(bytes: slow)?.reason == "string is not valid UTF-8", "\(bad)")
        }
        // A raw lead byte followed by an escape cannot be completed by the escape's bytes.
        #expect(jsonError(bytes: [quote, 0xC3] + Array(#"\u00a9""#.utf8))?.reason == "string is not valid UTF-8")
        // Outside strings any non-ASCII byte is an unexpected character.
        #expect(jsonError(bytes: [0xFF]) == JSONParseError(reason: "unexpected character byte 0xff", line: 1, column: 1))
        #expect(jsonError(bytes: Array("[1,".utf8) + [0xC3, 0xA9] + Array("]".utf8))?.reason == "unexpected character byte 0xc3")
        // Valid multi-byte text passes through untouched.
        #expect(try JSONParser().parse([quote, 0xC3, 0xA9, 0xF0, 0x9F, 0x98, 0x80, quote]) == .string("é😀"))
    }

    @Test func controlCharactersRejected() throws {
        for byte in [0x00, 0x01, 0x09, 0x0A, 0x0D, 0x1F] as [UInt8] {
            let fast: [UInt8] = [0x22, 0x61, byte, 0x22]
            #expect(jsonError(bytes: fast) == JSONParseError(reason: "control character in a string", line: 1, column: 3), "\(byte)")
            let slow: [UInt8] = Array(#""\n"#.utf8) + [byte, 0x22]
            #expect(jsonError(bytes: slow) == JSONParseError(reason: "control character in a string", line: 1, column: 4), "\(byte)")
        }
        // DEL and space are not control characters for JSON.
        #expect(try JSONParser().parse([0x22, 0x7F, 0x20, 0x22]) == .string("\u{7F} "))
    }

    @Test func unterminatedStringPointsAtOpeningQuote() {
        #expect(jsonError("[1,\n  \"abc") == JSONParseError(reason: "unterminated string", line: 2, column: 3))
        #expect(jsonError("[1,\n  \"a\\nbc") == JSONParseError(reason: "unterminated string", line: 2, column: 3))
    }

    // MARK: structure errors

    @Test func trailingGarbageRejected() throws {
        for text in ["1 2", "{} x", "[]]", "nullx", "true false", #""a""b""#, "{}{}", "[1],", "0 0", "NaN1"] {
            #expect(jsonError(text)?.reason == "unexpected text after the document", "\(text)")
        }
        #expect(jsonError("{}  x") == JSONParseError(reason: "unexpected text after the document", line: 1, column: 5))
    }

    @Test func structuralErrors() {
        let cases: [(String, String)] = [
            ("", "unexpected end of input"),
            ("   ", "unexpected end of input"),
            ("[1 2]", "expected ',' or ']' in an array"),
            ("[1,]", "unexpected character ']'"),
            (#"{"a":1,}"#, "expected a string key"),
            (#"{"a" 1}"#, "expected ':' after an object key"),
            (#"{"a":1 "b":2}"#, "expected ',' or '}' in an object"),
            ("{a:1}", "expected a string key"),
            ("{'a':1}", "expected a string key"),
            ("['a']", "unexpected character '''"),
            ("tru", "unexpected end of input"),
            ("trUe", "unexpected character 'U'"),
            ("[", "unexpected end of input"),
            ("{", "expected a string key"),
            ("/* */ 1", "unexpected character '/'"),
        ]
        for (text, reason) in cases {
            #expect(jsonError(text)?.reason == reason, "\(text)")
        }
    }

    @Test func everyTruncationIsAnError() throws {
        let sample = #"""
            {"4": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "v1-5.safetensors"}},
             "3": {"inputs": {"seed": 18446744073709551615, "cfg": 8.5e-1, "neg": -0.0, "n": NaN, "i": -Infinity,
                   "t": true, "f": false, "z": null, "text": "caf\u00e9 \ud83d\ude00 \"q\" 日本 😀",
                   "model": ["4", 0], "list": {"__value__": [1, [2, {}], []]}}, "class_type": "KSampler"}}
            """#
        let bytes = Array(sample.utf8)
        let full = try JSONParser().parse(bytes)
        #expect(full["3"]?["inputs"]?["seed"] == .integer(Int128(UInt64.max)))
        #expect(full["3"]?["inputs"]?["text"] == .string("café 😀 \"q\" 日本 😀"))
        for length in 0..<bytes.count {
            let error = jsonError(bytes: Array(bytes[..<length]))
            #expect(error != nil, "prefix of \(length) bytes parsed")
            if let error {
                #expect(error.line >= 1 && error.line <= 4)
                #expect(error.column >= 1)
            }
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let open = String(repeating: "[", count: 100_000)
        #expect(jsonError(open) == JSONParseError(reason: "nesting deeper than 128 levels", line: 1, column: 129))
        #expect(jsonError(open + String(repeating: "]", count: 100_000))?.reason == "nesting deeper than 128 levels")
        let objects = String(repeating: #"{"a":"#, count: 100_000)
        #expect(jsonError(objects)?.reason == "nesting deeper than 128 levels")
        let mixed = String(repeating: #"[{"a":"#, count: 50_000)
        #expect(jsonError(mixed)?.reason == "nesting deeper than 128 levels")
    }

    @Test func depthLimitIsExact() throws {
        let atLimit = String(repeating: "[", count: 128) + String(repeating: "]", count: 128)
        var value = try parseJSON(atLimit)
        var depth = 0
        while case .array(let elements) = value {
            depth += 1
            guard let first = elements.first else { break }
            value = first
        }
        #expect(depth == 128)
        let overLimit = String(repeating: "[", count: 129) + String(repeating: "]", count: 129)
        #expect(jsonError(overLimit)?.reason == "nesting deeper than 128 levels")

        let shallow = JSONParser(maximumDepth: 2)
        #expect(try shallow.parse("[[1]]") == [[1]])
        #expect(try shallow.parse(#"{"a":{"b":1}}"#) == ["a": ["b": 1]])
        #expect(jsonError("[[[1]]]", parser: shallow) == JSONParseError(reason: "nesting deeper than 2 levels", line: 1, column: 3))
        #expect(jsonError(#"{"a":[{}]}"#, parser: shallow)?.reason == "nesting deeper than 2 levels")
        // Siblings do not add up: depth goes back down when a container closes.
        #expect(try shallow.parse("[[1],[2],[]]") == [[1], [2], []])
    }

    @Test func errorLineAndColumn() {
        let document = "{\n  \"a\": 1,\n  \"b\": [1, 2,, 3]\n}"
        let error = jsonError(document)
        #expect(error == JSONParseError(reason: "unexpected character ','", line: 3, column: 14))
        #expect(error?.description == "invalid JSON at line 3, column 14: unexpected character ','")
        // CRLF: only LF starts a line; the column counts from after it.
        #expect(jsonError("{\r\n  \"a\" 1}") == JSONParseError(reason: "expected ':' after an object key", line: 2, column: 7))
        // Columns count bytes, so a two-byte "é" takes two columns.
        #expect(jsonError("[\"é\", x]") == JSONParseError(reason: "unexpected character 'x'", line: 1, column: 8))
        // An error at the very end of a multi-line document.
        #expect(jsonError("[\n1,\n2") == JSONParseError(reason: "expected ',' or ']' in an array", line: 3, column: 2))
        #expect(jsonError("") == JSONParseError(reason: "unexpected end of input", line: 1, column: 1))
        #expect(jsonError("\n\n  [x]") == JSONParseError(reason: "unexpected character 'x'", line: 3, column: 4))
    }

    @Test func byteOrderMark() throws {
        #expect(try parseJSON("\u{FEFF}{\"a\":1}") == ["a": 1])
        #expect(try JSONParser().parse([0xEF, 0xBB, 0xBF, 0x5B, 0x5D]) == [])
        #expect(jsonError("\u{FEFF}")?.reason == "unexpected end of input")
        #expect(jsonError("[\u{FEFF}1]")?.reason == "unexpected character byte 0xef")
        #expect(jsonError("\u{FEFF}\u{FEFF}1")?.reason == "unexpected character byte 0xef")
    }

    @Test func stringAndByteEntryPointsAgree() throws {
        let text = #"{"k":["é",1,2.5,null]}"#
        #expect(try JSONParser().parse(text) == JSONParser().parse(Array(text.utf8)))
    }
}
