import OrderedCollections
import Testing

@testable import WeftCore

@Suite("JSON serialisation")
struct JSONSerializationTests {
    @Test func compactStyle() {
        let value: JSONValue = ["a": [1, 2.5, "x", nil, true, false], "b": [:], "c": [], "d": ["e": -3]]
        #expect(value.serialized() == #"{"a":[1,2.5,"x",null,true,false],"b":{},"c":[],"d":{"e":-3}}"#)
        #expect(value.serialized(style: .compact) == value.serialized())
        #expect(value.description == value.serialized())
        #expect(JSONValue.null.serialized() == "null")
        #expect(JSONValue.integer(.min).serialized() == "-170141183460469231731687303715884105728")
        #expect(JSONValue.integer(.max).serialized() == "170141183460469231731687303715884105727")
    }

    @Test func pythonStyleSeparators() {
        let value: JSONValue = ["a": [1, 2.5, "x", nil, true, false], "b": [:], "c": [], "d": ["e": -3]]
        #expect(value.serialized(style: .python) == #"{"a": [1, 2.5, "x", null, true, false], "b": {}, "c": [], "d": {"e": -3}}"#)
    }

    /// The exact text Python 3's `json.dumps` produces for the same value (generated with CPython).
    @Test func pythonStyleMatchesJSONDumps() throws {
        let value: JSONValue = [
            "3": [
                "inputs": [
                    "seed": 156_680_208_700_286, "cfg": 8.0, "denoise": 1e-05,
                    "text": "a cat ☕ 日本 😀 é\u{7F}\n\t\"\\/",
                    "model": ["4", 0], "list": ["__value__": [1, 2.5, nil, true, false]],
                    "big": .integer(.max), "empty": [:], "none": [],
                ],
                "class_type": "KSampler", "_meta": ["title": "Ümlaut"],
            ]
        ]
        let python =
            #"{"3": {"inputs": {"seed": 156680208700286, "cfg": 8.0, "denoise": 1e-05, "text": "a cat \u2615 \u65e5\u672c \ud83d\ude00 \u00e9\u007f\n\t\"\\/", "model": ["4", 0], "list": {"__value__": [1, 2.5, null, true, false]}, "big": 170141183460469231731687303715884105727, "empty": {}, "none": []}, "class_type": "KSampler", "_meta": {"title": "\u00dcmlaut"}}}"#
        #expect(value.serialized(style: .python) == python)
        #expect(try parseJSON(python) == value)
        #expect(JSONValue.object(["🎨": "\u{0}\u{1F}\u{8}\u{C}"]).serialized(style: .python) == #"{"\ud83c\udfa8": "\u0000\u001f\b\f"}"#)
    }

    @Test func stringEscapesInBothStyles() {
        let text: JSONValue = "\u{0}\u{1}\u{1F}\n\r\t\u{8}\u{C}\"\\/ é😀\u{7F}"
        #expect(text.serialized() == #""\u0000\u0001\u001f\n\r\t\b\f\"\\/ é😀"# + "\u{7F}\"")
        #expect(text.serialized(style: .python) == #""\u0000\u0001\u001f\n\r\t\b\f\"\\/ \u00e9\ud83d\ude00\u007f""#)
        // Lowercase hex, four digits, both halves of a surrogate pair for astral characters.
        #expect(JSONValue.string("\u{FFFF}\u{10000}\u{10FFFF}\u{ABCD}").serialized(style: .python) == #""\uffff\ud800\udc00\udbff\udfff\uabcd""#)
        // Keys are escaped the same way.
        #expect(JSONValue.object(["ключ\n": 1]).serialized(style: .python) == #"{"\u043a\u043b\u044e\u0447\n": 1}"#)
        #expect(JSONValue.object(["ключ\n": 1]).serialized() == #"{"ключ\n":1}"#)
        // Combining marks stay separate scalars.
        #expect(JSONValue.string("e\u{301}").serialized(style: .python) == #""e\u0301""#)
    }

    @Test func floatsAsPythonReprSpellsThem() {
        let cases: [(Double, String)] = [
            (8.0, "8.0"), (1e-05, "1e-05"), (0.0001, "0.0001"), (2e-07, "2e-07"), (0.1, "0.1"), (-0.0, "-0.0"), (0, "0.0"),
            (123_456_789.0, "123456789.0"), (1e15, "1000000000000000.0"), (1e16, "1e+16"), (1e22, "1e+22"),
            (1.5e300, "1.5e+300"), (5e-324, "5e-324"), (.greatestFiniteMagnitude, "1.7976931348623157e+308"),
            // Between 2^53 and 1e16 Python still writes positional notation.
            (9_007_199_254_740_992.0, "9007199254740992.0"), (9_007_199_254_740_994.0, "9007199254740994.0"),
            (9.5e15, "9500000000000000.0"), (-9.5e15, "-9500000000000000.0"), (9_999_999_999_999_998.0, "9999999999999998.0"),
            (.nan, "NaN"), (.infinity, "Infinity"), (-.infinity, "-Infinity"),
        ]
        for (number, text) in cases {
            #expect(JSONValue.double(number).serialized() == text, "\(number)")
            #expect(JSONValue.double(number).serialized(style: .python) == text, "\(number)")
        }
        let list: JSONValue = .array([
            .double(.nan), .double(.infinity), .double(-.infinity), .double(-0.0), .double(9_007_199_254_740_994.0), .double(9.5e15), .double(1e16),
            .double(0.0001),
        ])
        #expect(list.serialized(style: .python) == "[NaN, Infinity, -Infinity, -0.0, 9007199254740994.0, 9500000000000000.0, 1e+16, 0.0001]")
    }

    @Test func floatsRoundTripExactly() throws {
        var generator = SplitMix64(seed: 42)
        for _ in 0..<5_000 {
            let number = Double(bitPattern: generator.next())
            guard number.isFinite else { continue }
            let text = JSONValue.double(number).serialized()
            guard case .double(let back) = try parseJSON(text) else {
                Issue.record("\(text) did not read back as a double")
                continue
            }
            #expect(back.bitPattern == number.bitPattern, "\(text)")
        }
    }

    @Test func textRoundTrip() throws {
        let compact = #"{"b":[1,-2,3.5,"é\n😀",{"x":null,"y":[true,false]}],"a":-170141183460469231731687303715884105728,"":{"":""}}"#
        #expect(try parseJSON(compact).serialized() == compact)
        let python = #"{"b": [1, -2, 3.5, "\u00e9\n\ud83d\ude00", {"x": null, "y": [true, false]}], "a": 1e+16, "": {"": ""}}"#
        #expect(try parseJSON(python).serialized(style: .python) == python)
    }

    @Test func valueRoundTrip() throws {
        let samples: [JSONValue] = [
            nil, true, false, 0, -1, .integer(.max), .integer(.min), .integer(Int128(UInt64.max)), 1.5, -0.0, 1e300, 5e-324,
            .double(.infinity), .double(-.infinity), "", "plain", "\u{0}\u{1F}\u{7F}\"\\/\u{2028}", "日本語 🎨 e\u{301} \u{FFFD}",
            [], [:], [[[[]]]], ["a": ["b": ["c": [1, 2, 3]]]], ["z": 1, "a": 2, "m": [nil, ["k": "v"]]],
        ]
        for sample in samples {
            for style in [JSONStyle.compact, .python] {
                let text = sample.serialized(style: style)
                let back = try parseJSON(text)
                #expect(sameJSON(back, sample), "\(text)")
                #expect(back.serialized(style: style) == text)
            }
        }
        let nan = try parseJSON(JSONValue.array([.double(.nan)]).serialized(style: .python))
        #expect(sameJSON(nan, .array([.double(.nan)])))
    }

    @Test func randomValuesRoundTrip() throws {
        var generator = SplitMix64(seed: 7)
        for _ in 0..<300 {
            let value = randomValue(depth: 0, using: &generator)
            for style in [JSONStyle.compact, .python] {
                let text = value.serialized(style: style)
                let back = try parseJSON(text)
                #expect(sameJSON(back, value), "\(text)")
            }
        }
    }

    private func randomValue(depth: Int, using generator: inout SplitMix64) -> JSONValue {
        let kind = Int.random(in: 0..<(depth > 4 ? 6 : 8), using: &generator)
        switch kind {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &generator))
        case 2: return .integer(Int128(Int64(bitPattern: generator.next())) * Int128(Int64.random(in: -1000...1000, using: &generator)))
        case 3:
            let number = Double(bitPattern: generator.next())
            return .double(number.isNaN ? 0.5 : number)
        case 4, 5: return .string(randomString(using: &generator))
        case 6:
            return .array((0..<Int.random(in: 0..<5, using: &generator)).map { _ in randomValue(depth: depth + 1, using: &generator) })
        default:
            var members = OrderedDictionary<String, JSONValue>()
            for _ in 0..<Int.random(in: 0..<5, using: &generator) {
                members[randomString(using: &generator)] = randomValue(depth: depth + 1, using: &generator)
            }
            return .object(members)
        }
    }

    private func randomString(using generator: inout SplitMix64) -> String {
        let pool: [Unicode.Scalar] = [
            "a", "Z", "0", " ", "\"", "\\", "/", "\n", "\u{0}", "\u{1F}", "\u{7F}", "é", "日", "😀", "\u{301}", "\u{FFFD}", "\u{10FFFF}", "\u{2028}",
        ]
        var text = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0..<12, using: &generator) {
            text.append(pool[Int.random(in: 0..<pool.count, using: &generator)])
        }
        return String(text)
    }
}
