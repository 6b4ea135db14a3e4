import Foundation
// Scaled dot-product attention over 4,096 tokens × 8 heads × 40 dims: time against the all-cores sgemm peak, and peak
// memory measured in a fresh process.
import WeftBenchmarkSupport
import WeftTensor

/// The argument that makes the benchmark run only `measureAttentionMemory()`, in the child process
/// `benchmarkAttention` starts (main.swift checks for it before anything else).
let attentionMemoryArgument = "--attention-memory"

/// The self-attention case: B = 1, H = 8, L = 4,096 tokens, D = 40 (Stable Diffusion 1.5's 64×64 latent layer).
private let attentionShape = [1, 8, 4096, 40]

/// Deterministic query, key and value tensors of `attentionShape`.
private func attentionInputs() -> (q: Tensor, k: Tensor, v: Tensor) {
    (deterministicTensor(attentionShape, seed: 1), deterministicTensor(attentionShape, seed: 2), deterministicTensor(attentionShape, seed: 3))
}

/// The child's side of the memory measurement: builds the inputs, then prints the resident set size before one
/// attention call (`VmRSS`) and its high-water mark after (`VmHWM`, reset just before the call where Linux allows),
/// in bytes, on one line.
func measureAttentionMemory() {
    BLASThreads.set(ProcessInfo.processInfo.activeProcessorCount)
    let (q, k, v) = attentionInputs()
    _ = resetResidentHighWater()
    guard let before = processStatusBytes("VmRSS") else { return }
    _ = try! scaledDotProductAttention(query: q, key: k, value: v)
    guard let peak = processStatusBytes("VmHWM") else { return }
    print(before, peak)
}

/// Runs this executable again with `attentionMemoryArgument` and returns the child's RSS before its one attention call
/// and its peak RSS, in bytes, or nil when the child could not run or report them.
private func attentionMemoryInFreshProcess() -> (before: Int, peak: Int)? {
    guard let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
    let child = Process()
    child.executableURL = URL(fileURLWithPath: executable)
    child.arguments = [attentionMemoryArgument]
    let output = Pipe()
    child.standardOutput = output
    guard (try? child.run()) != nil else { return nil }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    child.waitUntilExit()
    let numbers = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
    guard child.terminationStatus == 0, numbers.count == 2 else { return nil }
    return (numbers[0], numbers[1])
}

/// Prints self-attention over `attentionShape` (all cores): the median time of the repetitions after one warm-up, as
/// GFLOP/s (4·B·H·L²·D operations) and as a fraction of the median all-cores sgemm 2048² GFLOP/s measured just before;
/// the score blocks it allocates; and, from a fresh child process running one call, the peak RSS and its increase over
/// the RSS just before the call.
func benchmarkAttention(repetitions: Int = 5) {
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let peak = allCoresGEMMPeak(repetitions: repetitions)

    let (q, k, v) = attentionInputs()
    let (heads, tokens, depth) = (attentionShape[0] * attentionShape[1], attentionShape[2], attentionShape[3])
    let median = medianTime(repetitions: repetitions) { _ = try! scaledDotProductAttention(query: q, key: k, value: v) }
    let operations = 4 * Double(heads) * Double(tokens) * Double(tokens) * Double(depth)
    let rate = operations / median / 1e9
    let chunk = attentionChunkRows(queries: tokens, keys: tokens)
    let blockBytes = chunk * tokens * MemoryLayout<Float>.size
    let fullScoreBytes = heads * tokens * tokens * MemoryLayout<Float>.size

    let mib = { (bytes: Int) in String(format: "%.1f MiB", Double(bytes) / 1_048_576) }
    print("\nattention \(attentionShape) self-attention vs the all-cores sgemm peak (median of \(repetitions) after one warm-up)")
    print(String(format: "sgemm 2048², %d threads: %.1f GFLOP/s", cores, peak))
    print(String(format: "attention: median %.1f ms, %.1f GFLOP/s (4·B·H·L²·D operations), %.0f %% of peak", median * 1e3, rate, 100 * rate / peak))
    print(
        "score blocks: \(chunk) query rows × \(tokens) keys = \(mib(blockBytes)) per thread, \(cores) threads "
            + "(a full H × L × L score tensor: \(mib(fullScoreBytes))); q, k, v, output: \(mib(q.count * 4)) each")
    if let memory = attentionMemoryInFreshProcess() {
        print("fresh process, one call: peak RSS \(mib(memory.peak)), \(mib(memory.before)) before the call (+\(mib(memory.peak - memory.before)))")
    } else {
        print("fresh process, one call: peak RSS unavailable (needs Linux's /proc)")
    }
}
