#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A safetensors file opened read-only and memory-mapped. Opening parses and validates the whole header, so every
/// tensor listed can then be read without further checks; tensor data is only touched when it is asked for.
///
/// The mapping lives as long as this object. If another process truncates the file while it is mapped, reading
/// the lost pages stops the process with SIGBUS, as with any memory-mapped file.
public final class SafetensorsFile: @unchecked Sendable {
    /// The path the file was opened from, as given.
    public let path: String
    /// Every tensor name, in the order of the tensors' data in the file.
    public let names: [String]
    /// The header's `__metadata__` map; empty when the file has none.
    public let metadata: [String: String]
    /// Every tensor's description, by name.
    private let tensors: [String: SafetensorsTensorInfo]
    /// The whole file, mapped read-only. Never written to, which is why sharing this object across threads is safe.
    private let mapping: UnsafeRawBufferPointer
    /// The offset of the data section (8 + header length) in `mapping`.
    private let dataStart: Int

    /// Opens, maps and validates the safetensors file at `path`.
    public init(path: String) throws(SafetensorsError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw Self.systemError("cannot open the file", path: path)
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw Self.systemError("cannot read the file's size", path: path)
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw SafetensorsError(.io, file: path, message: "not a regular file")
        }
        let size = Int(status.st_size)
        guard size >= 8 else {
            throw SafetensorsError(.fileTooSmall, file: path, message: "the file has \(size) bytes, fewer than the 8-byte header length")
        }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else {
            throw Self.systemError("cannot map the file", path: path)
        }
        let mapping = UnsafeRawBufferPointer(start: address, count: size)
        do throws(SafetensorsError) {
            let headerLength = UInt64(littleEndian: mapping.loadUnaligned(as: UInt64.self))
            guard headerLength <= UInt64(SafetensorsHeader.maximumLength), headerLength <= UInt64(size - 8) else {
                throw SafetensorsError(
                    .headerLengthInvalid, file: path,
                    message:
                        "header length \(headerLength) exceeds the \(size - 8) bytes after it or the \(SafetensorsHeader.maximumLength)-byte limit")
            }
            let dataStart = 8 + Int(headerLength)
            let header = try SafetensorsHeader(
                json: UnsafeRawBufferPointer(rebasing: mapping[8..<dataStart]), dataLength: size - dataStart, file: path)
            self.path = path
            self.names = header.names
            self.metadata = header.metadata
            self.tensors = header.tensors
            self.mapping = mapping
            self.dataStart = dataStart
        } catch {
            munmap(address, size)
            throw error
        }
    }

    deinit {
        munmap(UnsafeMutableRawPointer(mutating: mapping.baseAddress), mapping.count)
    }

    /// The element type, shape and byte range of the tensor called `name`.
    public func info(_ name: String) throws(SafetensorsError) -> SafetensorsTensorInfo {
        guard let info = tensors[name] else {
            throw SafetensorsError(.noSuchTensor, file: path, tensor: name, message: "the file has no tensor of this name")
        }
        return info
    }

    /// The tensor called `name` converted to Float32, in row-major order (`info(name).elementCount` values).
    /// Integers and booleans become their numeric value (true is 1); F64 is rounded to the nearest float.
    public func floats(_ name: String) throws(SafetensorsError) -> [Float] {
        let info = try info(name)
        let bytes = slice(info)
        return [Float](unsafeUninitializedCapacity: info.elementCount) { buffer, initialized in
            info.dtype.decode(bytes, into: buffer)
            initialized = info.elementCount
        }
    }

    /// Calls `body` with the stored bytes of the tensor called `name` (little-endian, row-major). The buffer points
    /// into the mapping, so it must not escape `body`.
    public func withRawBytes<Result>(_ name: String, _ body: (UnsafeRawBufferPointer) throws -> Result) throws -> Result {
        try body(slice(info(name)))
    }

    /// Tells the system the stored bytes of the tensor called `name` are not needed for now, so the pages wholly inside
    /// them leave this process's resident memory (they are read from the file again if touched). Loaders call it after
    /// converting a tensor, so a checkpoint costs its converted size in memory rather than that plus the file.
    public func releasePages(of name: String) {
        guard let info = try? info(name), let base = mapping.baseAddress else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = dataStart + info.dataRange.lowerBound
        let end = dataStart + info.dataRange.upperBound
        let first = (start + page - 1) / page * page
        let last = end / page * page
        guard last > first else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base + first), last - first, Int32(MADV_DONTNEED))
    }

    /// The bytes of the tensor described by `info`, which the header check placed inside the mapping.
    private func slice(_ info: SafetensorsTensorInfo) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: mapping[(dataStart + info.dataRange.lowerBound)..<(dataStart + info.dataRange.upperBound)])
    }

    /// An I/O error for `path` whose message ends with the system's description of `errno`.
    private static func systemError(_ action: String, path: String) -> SafetensorsError {
        SafetensorsError(.io, file: path, message: "\(action): \(String(cString: strerror(errno)))")
    }
}
