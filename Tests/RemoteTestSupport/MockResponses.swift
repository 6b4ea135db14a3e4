package import Hummingbird
import NIOCore
package import WeftCore

/// Responses the mock servers build.
package enum MockResponses {
    /// A JSON response.
    package static func json(_ status: Int, _ body: JSONValue, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: .init(code: status), headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: body.serialized())))
    }

    /// A response carrying `bytes`, typed `contentType` when given.
    package static func bytes(_ status: Int, _ bytes: [UInt8], contentType: String?, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        if let contentType { fields[.contentType] = contentType }
        return Response(status: .init(code: status), headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// An empty response.
    package static func empty(_ status: Int, headers: HTTPFields = [:]) -> Response {
        Response(status: .init(code: status), headers: headers)
    }
}
