/// A value flowing between nodes: a primitive, a structured JSON value, or a custom payload such as an
/// image batch or a loaded model.
public enum Value: Sendable {
    case null
    case bool(Bool)
    /// An integer; 128 bits hold every INT ComfyUI accepts, 64-bit seeds included.
    case int(Int128)
    case double(Double)
    case string(String)
    /// A structured literal (an array from `{"__value__": …}`, an object, …).
    case json(JSONValue)
    /// A non-JSON payload (tensors, models, handles).
    case custom(any CustomValue)
}

/// A payload that is not plain data, e.g. an image batch or a model handle.
public protocol CustomValue: Sendable {
    /// The Weft type name of the payload, e.g. `"IMAGE"`.
    var typeName: String { get }
    /// A short human description, used in error reports and previews (e.g. `"IMAGE [1, 512, 512, 3]"`).
    var summary: String { get }
    /// Approximate memory held, for the cache's memory bound.
    var byteCount: Int { get }
}

extension Value {
    /// Builds a value from a JSON literal.
    public init(_ json: JSONValue) {
        switch json {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .integer(let number): self = .int(number)
        case .double(let number): self = .double(number)
        case .string(let text): self = .string(text)
        case .array, .object: self = .json(json)
        }
    }

    /// The value as JSON when it is plain data; nil for custom payloads.
    public var json: JSONValue? {
        switch self {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .int(let number): .integer(number)
        case .double(let number): .double(number)
        case .string(let text): .string(text)
        case .json(let value): value
        case .custom: nil
        }
    }

    /// A short human description: the JSON text for plain data, the payload's summary otherwise.
    public var summary: String {
        if case .custom(let payload) = self { return payload.summary }
        return json?.serialized() ?? ""
    }

    /// Approximate memory held, for the cache's memory bound.
    public var byteCount: Int {
        switch self {
        case .null, .bool, .int, .double: 16
        case .string(let text): 16 + text.utf8.count
        case .json(let value): 16 + value.serialized().utf8.count
        case .custom(let payload): payload.byteCount
        }
    }

    /// The type name for messages: `"INT"`, `"STRING"`, or a payload's own type.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "BOOLEAN"
        case .int: "INT"
        case .double: "FLOAT"
        case .string: "STRING"
        case .json: "JSON"
        case .custom(let payload): payload.typeName
        }
    }
}
