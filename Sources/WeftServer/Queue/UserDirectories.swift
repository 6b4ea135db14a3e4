import Foundation
import OrderedCollections
import WeftCore

/// The folders one user's prompts read and write. In multi-user mode input, output, temp and user data are
/// per-user subfolders (`output/alice/…`); models are shared.
struct UserDirectories: Sendable {
    let base: DataDirectories
    let multiUser: Bool

    func directories(for user: String) -> DataDirectories {
        guard multiUser else { return base }
        var scoped = base
        scoped.input = base.input.appending(path: user, directoryHint: .isDirectory)
        scoped.output = base.output.appending(path: user, directoryHint: .isDirectory)
        scoped.temp = base.temp.appending(path: user, directoryHint: .isDirectory)
        scoped.user = base.user.appending(path: user, directoryHint: .isDirectory)
        return scoped
    }
}
