/// The exit codes of `weft`, so scripts can tell what happened without parsing output.
enum ExitStatus {
    /// Everything ran.
    static let success: Int32 = 0
    /// A node failed while running.
    static let executionFailed: Int32 = 1
    /// The command line or the workflow is invalid (nothing ran).
    static let invalid: Int32 = 2
    /// Stopped by Ctrl-C (128 + SIGINT, as shells report it).
    static let interrupted: Int32 = 130
}
