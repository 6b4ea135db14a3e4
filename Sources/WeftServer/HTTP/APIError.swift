public import HTTPTypes
public import Hummingbird
import NIOCore
import OrderedCollections
public import WeftCore

/// A request the server refuses, rendered as ComfyUI's error JSON: `{"error": {"type", "message", "details",
/// "extra_info"}}`, plus `node_errors` where validation produced them.
///
/// Every refusal the server makes goes through this one type, so every 4xx carries a JSON body that names what was
/// wrong.
public struct APIError: HTTPResponseError, Equatable {
    /// The HTTP status (4xx for the client's mistakes).
    public var status: HTTPResponse.Status
    /// A short machine-readable kind, e.g. `invalid_json`.
    public var type: String
    /// One human sentence.
    public var message: String
    /// The field, path or value at fault.
    public var details: String
    /// Extra JSON the client may use (ComfyUI's `node_errors` for validation failures).
    public var nodeErrors: JSONValue?

    /// An error with its status, kind, sentence, and the field or value at fault.
    public init(_ status: HTTPResponse.Status, type: String, message: String, details: String = "", nodeErrors: JSONValue? = nil) {
        self.status = status
        self.type = type
        self.message = message
        self.details = details
        self.nodeErrors = nodeErrors
    }

    /// The body the client receives.
    public var json: JSONValue {
        var body: JSONValue = [
            "error": [
                "type": .string(type), "message": .string(message), "details": .string(details), "extra_info": [:],
            ]
        ]
        if let nodeErrors, case .object(var object) = body {
            object["node_errors"] = nodeErrors
            body = .object(object)
        }
        return body
    }

    /// The JSON response Hummingbird sends for this error.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        Response.json(json, status: status)
    }
}

extension APIError {
    static func badRequest(_ type: String, _ message: String, details: String = "") -> APIError {
        APIError(.badRequest, type: type, message: message, details: details)
    }

    static func notFound(_ message: String, details: String = "") -> APIError {
        APIError(.notFound, type: "not_found", message: message, details: details)
    }

    static func forbidden(_ message: String, details: String = "") -> APIError {
        APIError(.forbidden, type: "forbidden", message: message, details: details)
    }
}
