/// Compares values the way Python compares numbers: integers exactly, mixed int/float as floats, `1 == 1.0 == True`.
enum NumericOrder {
    enum Order { case smaller, equal, bigger }

    /// How `value` orders against a bound; nil when either is not a number.
    static func compare(_ value: Value, _ bound: JSONValue) -> Order? {
        switch (value, bound) {
        case (.int(let lhs), .integer(let rhs)): return order(lhs, rhs)
        case (.int(let lhs), .double(let rhs)): return order(Double(lhs), rhs)
        case (.double(let lhs), .integer(let rhs)): return order(lhs, Double(rhs))
        case (.double(let lhs), .double(let rhs)): return order(lhs, rhs)
        default: return nil
        }
    }

    /// Python equality for combo membership: numbers by value, everything else structurally.
    static func equal(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        if lhs == rhs { return true }
        switch (lhs, rhs) {
        case (.integer(let a), .double(let b)), (.double(let b), .integer(let a)): return Double(a) == b
        default: return false
        }
    }

    private static func order<T: Comparable>(_ lhs: T, _ rhs: T) -> Order {
        lhs < rhs ? .smaller : (lhs > rhs ? .bigger : .equal)
    }
}
