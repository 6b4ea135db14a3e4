public import HTTPTypes
public import Hummingbird
import NIOCore
import OrderedCollections
public import WeftCore

extension Response {
    /// A JSON response with `Content-Type: application/json`, written with Weft's order-keeping serializer.
    public static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: value.serialized()))
        )
    }

    /// An empty 200, ComfyUI's answer to most control routes.
    static var emptyOK: Response { Response(status: .ok) }
}
