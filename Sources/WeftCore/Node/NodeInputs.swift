/// The inputs one call of a node receives, by name.
///
/// Each input holds a list of items: one item for an ordinary call, the whole list for nodes declared
/// `inputIsList`. Lazy inputs that were not (yet) evaluated are absent.
public struct NodeInputs: Sendable {
    /// Input name to its items.
    public var lists: [String: [Value]]

    public init(lists: [String: [Value]] = [:]) {
        self.lists = lists
    }

    /// Whether the input has a value (it may be an unconnected optional or an unevaluated lazy input).
    public func has(_ name: String) -> Bool { lists[name]?.isEmpty == false }

    /// The input's first item; throws when it is absent.
    public func value(_ name: String) throws(NodeInputError) -> Value {
        guard let first = lists[name]?.first else { throw .missing(name) }
        return first
    }

    /// All items of the input (for `inputIsList` nodes); throws when it is absent.
    public func list(_ name: String) throws(NodeInputError) -> [Value] {
        guard let items = lists[name], !items.isEmpty else { throw .missing(name) }
        return items
    }

    /// A `STRING` input.
    public func string(_ name: String) throws(NodeInputError) -> String {
        let item = try value(name)
        guard case .string(let text) = item else { throw .wrongType(name, expected: "STRING", found: item.typeName) }
        return text
    }

    /// An `INT` input as a native `Int`; throws when it does not fit.
    public func int(_ name: String) throws(NodeInputError) -> Int {
        let number = try int128(name)
        guard let native = Int(exactly: number) else { throw .outOfRange(name, String(number)) }
        return native
    }

    /// An `INT` input with its full range (seeds up to 2^64−1).
    public func int128(_ name: String) throws(NodeInputError) -> Int128 {
        let item = try value(name)
        guard case .int(let number) = item else { throw .wrongType(name, expected: "INT", found: item.typeName) }
        return number
    }

    /// A `FLOAT` input (an `INT` is widened).
    public func double(_ name: String) throws(NodeInputError) -> Double {
        let item = try value(name)
        switch item {
        case .double(let number): return number
        case .int(let number): return Double(number)
        default: throw .wrongType(name, expected: "FLOAT", found: item.typeName)
        }
    }

    /// A `BOOLEAN` input.
    public func bool(_ name: String) throws(NodeInputError) -> Bool {
        let item = try value(name)
        guard case .bool(let flag) = item else { throw .wrongType(name, expected: "BOOLEAN", found: item.typeName) }
        return flag
    }

    /// A custom payload of a given Swift type (an image batch, a model…).
    public func custom<Payload: CustomValue>(_ name: String, as type: Payload.Type) throws(NodeInputError) -> Payload {
        let item = try value(name)
        guard case .custom(let payload) = item, let typed = payload as? Payload else {
            throw .wrongType(name, expected: String(describing: Payload.self), found: item.typeName)
        }
        return typed
    }
}

/// A node asked its inputs for something they do not hold.
public enum NodeInputError: Error, Equatable, Sendable, CustomStringConvertible {
    case missing(String)
    case wrongType(String, expected: String, found: String)
    case outOfRange(String, String)

    public var description: String {
        switch self {
        case .missing(let name): "input '\(name)' has no value"
        case .wrongType(let name, let expected, let found): "input '\(name)' should be \(expected) but is \(found)"
        case .outOfRange(let name, let value): "input '\(name)' value \(value) is out of range"
        }
    }
}
