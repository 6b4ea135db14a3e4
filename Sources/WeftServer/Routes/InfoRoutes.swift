import HTTPTypes
import Hummingbird
import NIOCore
import OrderedCollections
import WeftCore
import WeftStore

/// The read-only description routes: `/object_info` (all or one class), `/system_stats`, `/features`,
/// `/embeddings`, `/models`, `/models/{folder}` and `/extensions`.
struct InfoRoutes {
    let services: ServerServices

    func register(on router: some RouterMethods<WeftRequestContext>) {
        let objectInfoBytes = ByteBuffer(string: services.objectInfo.serialized())
        router.get("object_info") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: ResponseBody(byteBuffer: objectInfoBytes))
        }
        router.get("object_info/:class") { _, context in
            let name = try context.parameters.require("class")
            guard let info = services.objectInfo[name] else { return Response.json([:]) }
            return Response.json(.object([name: info]))
        }
        router.get("system_stats") { _, _ in
            Response.json(SystemStats.current(features: services.features))
        }
        router.get("features") { _, _ in Response.json(services.features) }
        router.get("embeddings") { _, _ in
            Response.json(.array(services.catalog.embeddings().map(JSONValue.string)))
        }
        router.get("models") { _, _ in
            Response.json(.array(services.catalog.folderNames().map(JSONValue.string)))
        }
        router.get("models/:folder") { _, context in
            let folder = try context.parameters.require("folder")
            guard let files = services.catalog.files(in: folder) else {
                throw APIError.notFound("There is no model folder \(folder).", details: folder)
            }
            return Response.json(.array(files.map(JSONValue.string)))
        }
        router.get("extensions") { _, _ in Response.json([]) }
    }
}
