import Foundation
// Measurements that need a process of their own (peak RSS from a clean start): this executable started again with a
// child flag, reporting its figures on one line of standard output.
import WeftBenchmarkSupport

/// Starting a fresh copy of this executable for one measurement, and the report line between the two.
enum ChildRun {
    /// The child flag for generating the checkpoint.
    static let generateFlag = "--child-generate"
    /// The child flag for loading and running one text-to-image.
    static let textToImageFlag = "--child-txt2img"
    /// The prefix of the child's report line.
    private static let reportPrefix = "weft-bench-diffusion-report"

    /// Prints the child's report: `figures` as `name=value` pairs on one line, with the process's peak RSS
    /// (`VmHWM`) added as `peak_rss`.
    static func report(_ figures: [String: Double]) {
        var figures = figures
        figures["peak_rss"] = processStatusBytes("VmHWM").map(Double.init)
        let pairs = figures.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        print(([reportPrefix] + pairs).joined(separator: " "))
    }

    /// Runs this executable with `arguments`, passing its standard error through, and returns the figures of its
    /// report line; nil when it could not start, failed, or reported nothing.
    static func run(_ arguments: [String]) -> [String: Double]? {
        guard let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
        let child = Process()
        child.executableURL = URL(fileURLWithPath: executable)
        child.arguments = arguments
        let output = Pipe()
        child.standardOutput = output
        guard (try? child.run()) != nil else { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        child.waitUntilExit()
        guard child.terminationStatus == 0,
            let line = String(decoding: data, as: UTF8.self).split(separator: "\n").last(where: { $0.hasPrefix(reportPrefix) })
        else { return nil }
        var figures: [String: Double] = [:]
        for pair in line.split(separator: " ").dropFirst() {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2, let value = Double(parts[1]) { figures[String(parts[0])] = value }
        }
        return figures
    }
}
