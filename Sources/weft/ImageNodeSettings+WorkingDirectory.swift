import Foundation
import WeftCore
import WeftNodes

extension ImageNodeSettings {
    /// Settings for commands that read but do not run workflows (`weft nodes`, `weft validate`): the loaders list
    /// and check `./input`, the folder `weft run` uses by default.
    static var workingDirectory: ImageNodeSettings {
        ImageNodeSettings(directories: DataDirectories(root: URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)))
    }
}
