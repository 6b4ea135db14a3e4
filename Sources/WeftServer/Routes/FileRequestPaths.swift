import Foundation
import HTTPTypes
import OrderedCollections
import WeftCore
import WeftStore

/// Maps request-supplied folder and file names to paths through ``SafePathResolver``, turning refusals into 4xx
/// answers: 403 when a path would leave its folder, 400 when a name is malformed.
enum FileRequestPaths {
    static func resolve(root: URL, subfolder: String, filename: String) throws -> URL {
        do {
            return try SafePathResolver(root: root).resolve(subfolder: subfolder, filename: filename)
        } catch {
            throw apiError(error)
        }
    }

    static func apiError(_ error: PathSafetyError) -> APIError {
        switch error {
        case .parentReference, .absolute, .escapesRoot:
            APIError.forbidden("The path leaves its folder.", details: error.description)
        case .empty, .invalidCharacter:
            APIError.badRequest("invalid_path", "The path is not a valid file name.", details: error.description)
        }
    }
}
