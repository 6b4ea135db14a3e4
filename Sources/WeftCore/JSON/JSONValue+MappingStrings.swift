import OrderedCollections

extension JSONValue {
    /// This value with `transform` applied to every string in it, object keys included; numbers, booleans and
    /// nulls are kept.
    public func mappingStrings(_ transform: (String) -> String) -> JSONValue {
        switch self {
        case .string(let text):
            return .string(transform(text))
        case .array(let items):
            return .array(items.map { $0.mappingStrings(transform) })
        case .object(let members):
            var mapped = OrderedDictionary<String, JSONValue>()
            for (key, member) in members { mapped[transform(key)] = member.mappingStrings(transform) }
            return .object(mapped)
        default:
            return self
        }
    }
}
