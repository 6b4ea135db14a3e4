import HTTPTypes
import Hummingbird
import OrderedCollections
import WeftCore

/// Reads typed fields out of request JSON and query strings, refusing wrong types with a 400 naming the field.
enum RequestFields {
    /// A JSON array of strings (prompt ids).
    static func stringList(_ value: JSONValue, field: String) throws -> [String] {
        guard let items = value.arrayValue else {
            throw APIError.badRequest("invalid_field", "\(field) must be a list of prompt ids.", details: field)
        }
        return try items.map { item in
            guard let id = item.stringValue else {
                throw APIError.badRequest("invalid_field", "\(field) must contain only strings.", details: field)
            }
            return id
        }
    }

    /// An optional non-negative integer query parameter.
    static func integer(_ request: Request, _ name: String, allowNegative: Bool = false) throws -> Int? {
        guard let text = request.query(name) else { return nil }
        guard let value = Int(text), allowNegative || value >= 0, value <= 1_000_000_000 else {
            throw APIError.badRequest("invalid_parameter", "\(name) must be a whole number between 0 and 1000000000.", details: name)
        }
        return value
    }
}
