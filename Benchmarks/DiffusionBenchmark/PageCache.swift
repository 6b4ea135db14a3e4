import Foundation
// Whether a file's pages are in the kernel's page cache, and dropping them, for cold-ish load times (Linux).
import WeftBenchmarkSupport

#if canImport(Glibc)
    import Glibc
#endif

/// Asks the kernel to drop the file at `path` from the page cache (its pages are clean once written and synced), so
/// the next read comes from the disk, or at least not from this machine's cache of it. Returns whether it worked.
func evictFromPageCache(_ path: String) -> Bool {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    return posix_fadvise(descriptor, 0, 0, Int32(POSIX_FADV_DONTNEED)) == 0
}

/// The fraction of the file at `path` whose pages are in the page cache (Linux `mincore`), or nil when it cannot be
/// determined.
func pageCacheResidency(of path: String) -> Double? {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0, status.st_size > 0 else { return nil }
    let size = Int(status.st_size)
    guard let address = mmap(nil, size, PROT_READ, MAP_SHARED, descriptor, 0), address != MAP_FAILED else { return nil }
    defer { munmap(address, size) }
    let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
    var pages = [UInt8](repeating: 0, count: (size + pageSize - 1) / pageSize)
    guard mincore(address, size, &pages) == 0 else { return nil }
    return Double(pages.count { $0 & 1 != 0 }) / Double(pages.count)
}
