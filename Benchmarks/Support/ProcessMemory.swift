// Resident memory of this process (Linux /proc).
import Foundation

/// The value in bytes of the `field` line (in kB) of /proc/self/status (`VmRSS`, `VmHWM`), or nil where it is
/// unavailable.
public func processStatusBytes(_ field: String) -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }),
        let kilobytes = line.split(whereSeparator: \.isWhitespace).dropFirst().first.flatMap({ Int($0) })
    else { return nil }
    return kilobytes * 1024
}

/// Resets the kernel's resident-set high-water mark to the current RSS (Linux: "5" into /proc/self/clear_refs), so
/// `VmHWM` afterwards covers only what follows. Returns whether it worked.
public func resetResidentHighWater() -> Bool {
    guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
    defer { try? handle.close() }
    return (try? handle.write(contentsOf: Data("5".utf8))) != nil
}

/// `bytes` in GiB with two decimals.
public func gibibytes(_ bytes: Int) -> String {
    String(format: "%.2f GiB", Double(bytes) / 1_073_741_824)
}
