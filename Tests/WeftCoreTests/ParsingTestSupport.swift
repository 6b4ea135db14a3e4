import OrderedCollections

@testable import WeftCore

// Helpers shared by the JSON and workflow parser tests.

/// Parses JSON text with the default parser.
func parseJSON(_ text: String) throws(JSONParseError) -> JSONValue {
    try JSONParser().parse(text)
}

/// The error parsing `text` gives, or nil when it parses.
func jsonError(_ text: String, parser: JSONParser = JSONParser()) -> JSONParseError? {
    jsonError(bytes: Array(text.utf8), parser: parser)
}

/// The error parsing `bytes` gives, or nil when they parse.
func jsonError(bytes: [UInt8], parser: JSONParser = JSONParser()) -> JSONParseError? {
    do {
        _ = try parser.parse(bytes)
        return nil
    } catch {
        return error
    }
}

/// Parses a request from JSON text.
func parseRequest(_ text: String) throws(WorkflowError) -> PromptRequest {
    try WorkflowParser().parseRequest(Array(text.utf8))
}

/// The error parsing a request from `text` gives, or nil when it parses.
func workflowError(_ text: String) -> WorkflowError? {
    do {
        _ = try parseRequest(text)
        return nil
    } catch {
        return error
    }
}

/// The problems of a workflow error as `path: message` lines, for exact comparisons.
func problemLines(_ error: WorkflowError?) -> [String] {
    error?.problems.map { "\($0.path.description): \($0.message)" } ?? []
}

/// A small deterministic generator (SplitMix64), so fuzz tests see the same inputs on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Structural equality that also treats NaN as equal to NaN (JSONValue's own `==` does not).
func sameJSON(_ a: JSONValue, _ b: JSONValue) -> Bool {
    switch (a, b) {
    case (.double(let x), .double(let y)):
        return (x.isNaN && y.isNaN) || (x == y && x.sign == y.sign)
    case (.array(let xs), .array(let ys)):
        return xs.count == ys.count && zip(xs, ys).allSatisfy { sameJSON($0, $1) }
    case (.object(let xs), .object(let ys)):
        return xs.count == ys.count
            && zip(xs, ys).allSatisfy { $0.key.unicodeScalars.elementsEqual($1.key.unicodeScalars) && sameJSON($0.value, $1.value) }
    case (.string(let x), .string(let y)):
        return x.unicodeScalars.elementsEqual(y.unicodeScalars)
    default:
        return a == b
    }
}
