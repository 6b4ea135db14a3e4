import Foundation
// Output that shows as it happens.
import WeftBenchmarkSupport

/// Prints `text` and flushes standard output at once, so progress shows as it happens when the output goes to a file
/// or a pipe.
func printNow(_ text: String) {
    print(text)
    fflush(nil)
}
