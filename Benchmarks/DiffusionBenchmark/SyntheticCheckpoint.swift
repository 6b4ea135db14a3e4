import Foundation
// The full-size SD1.5-shaped checkpoint the benchmark runs on: generated once into the cache directory.
import WeftBenchmarkSupport
import WeftDiffusion
import WeftTensor

/// The synthetic checkpoint, and what generating it cost when this run generated it.
struct SyntheticCheckpoint {
    /// The file.
    let path: String
    /// Its size in bytes.
    let bytes: Int
    /// Seconds the generation took and the generating process's peak RSS in bytes; nil when the file was reused.
    let generation: (seconds: Double, peakRSS: Int)?

    /// The seed of the weights.
    static let seed: UInt64 = 1

    /// The checkpoint at `path`, generated first (in a fresh child process, so its memory is not counted in this
    /// one's) when no file is there; nil when generation failed.
    static func prepare(at path: String) -> SyntheticCheckpoint? {
        var generation: (seconds: Double, peakRSS: Int)?
        if !FileManager.default.fileExists(atPath: path) {
            let directory = (path as NSString).deletingLastPathComponent
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            guard let figures = ChildRun.run([ChildRun.generateFlag, path]), let seconds = figures["seconds"] else { return nil }
            generation = (seconds, Int(figures["peak_rss"] ?? 0))
        }
        guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int else { return nil }
        return SyntheticCheckpoint(path: path, bytes: size, generation: generation)
    }

    /// The child's side: writes SD1.5's layout with pseudo-random F16 weights to `path` and reports the seconds.
    static func generate(at path: String) throws {
        let (_, time) = try timed { try SD1CheckpointLayout.sd15.writeSyntheticCheckpoint(to: path, seed: seed, storage: .f16) }
        ChildRun.report(["seconds": time])
    }
}
