// Scaled dot-product attention over 4,096 tokens × 8 heads × 40 dims: time and peak extra memory.
import Foundation
import WeftTensor

/// The process's peak resident set size in bytes so far, from `getrusage` (Linux reports kilobytes).
private func maxResidentBytes() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Int(usage.ru_maxrss) * 1024
}

/// The kernel's resident-set high-water mark (`VmHWM` in /proc/self/status) in bytes, or nil where it is unavailable.
private func residentHighWaterBytes() -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
        let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "")
    else { return nil }
    return kilobytes * 1024
}

/// Resets the kernel's resident-set high-water mark to the current RSS (Linux: "5" into /proc/self/clear_refs), so
/// the next `residentHighWaterBytes()` covers only what follows. Returns whether it worked.
private func resetResidentHighWater() -> Bool {
    guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
    defer { try? handle.close() }
    return (try? handle.write(contentsOf: Data("5".utf8))) != nil
}

/// Prints self-attention over B = 1, H = 8, L = 4,096, D = 40 (all cores for the GEMMs): the median time of the
/// repetitions after one warm-up, the score block it allocates, and the process's peak RSS (getrusage) before and
/// after, plus the peak RSS over one more call alone where Linux lets the high-water mark be reset.
func benchmarkAttention(repetitions: Int = 5) {
    let (heads, tokens, depth) = (8, 4096, 40)
    BLASThreads.set(ProcessInfo.processInfo.activeProcessorCount)
    let shape = [1, heads, tokens, depth]
    let count = shape.reduce(1, *)
    let (q, k, v) = (deterministicTensor(shape, seed: 1), deterministicTensor(shape, seed: 2), deterministicTensor(shape, seed: 3))
    let tensorBytes = count * MemoryLayout<Float>.size
    let chunk = attentionChunkRows(queries: tokens, keys: tokens)
    let blockBytes = chunk * tokens * MemoryLayout<Float>.size
    let fullScoreBytes = heads * tokens * tokens * MemoryLayout<Float>.size

    let rssBefore = maxResidentBytes()
    let median = medianTime(repetitions: repetitions) { _ = try! scaledDotProductAttention(query: q, key: k, value: v) }
    let rssAfter = maxResidentBytes()
    // Resetting the high-water mark also resets what getrusage reports, so it comes after, around one more call.
    let canReset = resetResidentHighWater()
    let highWaterBefore = residentHighWaterBytes()
    _ = try! scaledDotProductAttention(query: q, key: k, value: v)
    let highWaterAfter = residentHighWaterBytes()
    let operations = 2 * Double(heads) * Double(tokens) * Double(tokens) * Double(2 * depth)

    let mib = { (bytes: Int) in String(format: "%.1f MiB", Double(bytes) / 1_048_576) }
    print("\nattention [1, \(heads), \(tokens), \(depth)] self-attention (median of \(repetitions) after one warm-up)")
    print(String(format: "median %.1f ms, %.1f GFLOP/s (4·H·L²·D operations)", median * 1e3, operations / median / 1e9))
    print("score block: \(chunk) query rows × \(tokens) keys = \(mib(blockBytes)) (a full H × L × L score tensor: \(mib(fullScoreBytes)))")
    print("q, k, v, output: \(mib(tensorBytes)) each")
    print("process max RSS (getrusage): \(mib(rssBefore)) before, \(mib(rssAfter)) after (+\(mib(rssAfter - rssBefore)))")
    if canReset, let highWaterBefore, let highWaterAfter {
        print("RSS high-water mark over one more call alone: +\(mib(highWaterAfter - highWaterBefore)) above the RSS at its start")
    }
}
