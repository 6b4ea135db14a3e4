import CTensorKernels

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Collects Float32 tensors and metadata, then writes them as one safetensors file in the reference layout: the
/// 8-byte little-endian header length, the JSON header padded with spaces to a multiple of 8 bytes, then each
/// tensor's bytes in the order they were added. The file is written to a temporary name beside the target and
/// renamed into place, so readers never see a partial file.
public struct SafetensorsWriter: Sendable {
    /// How a tensor's Float32 values are stored in the file.
    public enum Storage: Sendable {
        /// As they are (F32).
        case f32
        /// As IEEE binary16 (F16), rounded to nearest even; values beyond ±65504 become infinities.
        case f16
        /// As bfloat16 (BF16), rounded to nearest even.
        case bf16
    }

    /// One tensor, already encoded.
    private struct Entry: Sendable {
        var name: String
        var dtype: SafetensorsDType
        var shape: [Int]
        var bytes: [UInt8]
    }

    /// The `__metadata__` map written to the header; omitted from the file when empty.
    public var metadata: [String: String]
    /// The tensors added so far, in order.
    private var entries: [Entry] = []

    /// Makes an empty writer with `metadata` for the header.
    public init(metadata: [String: String] = [:]) {
        self.metadata = metadata
    }

    /// Adds the tensor `name` of `shape` (empty for a 0-d scalar) with `values` in row-major order, encoded as
    /// `storage` now. Fails if the value count is not the shape's product, or the name is taken or reserved.
    public mutating func add(_ name: String, values: [Float], shape: [Int], storage: Storage = .f32) throws(SafetensorsError) {
        func invalid(_ message: String) -> SafetensorsError {
            SafetensorsError(.invalidArgument, file: "(safetensors writer)", tensor: name, message: message)
        }
        guard name != "__metadata__" else { throw invalid("the name __metadata__ is reserved") }
        guard !entries.contains(where: { $0.name == name }) else { throw invalid("a tensor of this name was already added") }
        guard shape.allSatisfy({ $0 >= 0 }) else { throw invalid("shape \(shape) has a negative dimension") }
        var elementCount = 1
        for dimension in shape {
            let (product, overflow) = elementCount.multipliedReportingOverflow(by: dimension)
            guard !overflow else { throw invalid("shape \(shape) is too large") }
            elementCount = product
        }
        guard elementCount == values.count else {
            throw invalid("shape \(shape) holds \(elementCount) values but \(values.count) were given")
        }
        let bytes: [UInt8]
        let dtype: SafetensorsDType
        switch storage {
        case .f32:
            dtype = .f32
            bytes = values.withUnsafeBytes { [UInt8]($0) }
        case .f16:
            dtype = .f16
            bytes = Self.encodeHalves(values, with: wt_f32_to_f16)
        case .bf16:
            dtype = .bf16
            bytes = Self.encodeHalves(values, with: wt_f32_to_bf16)
        }
        entries.append(Entry(name: name, dtype: dtype, shape: shape, bytes: bytes))
    }

    /// Writes the file to `path` atomically, replacing any file there.
    public func write(to path: String) throws(SafetensorsError) {
        var header = Array(headerJSON().utf8)
        header.append(contentsOf: repeatElement(UInt8(ascii: " "), count: (8 - header.count % 8) % 8))
        let prefix = withUnsafeBytes(of: UInt64(header.count).littleEndian) { [UInt8]($0) }

        let temporary = "\(path).tmp-\(getpid())-\(UInt32.random(in: .min ... .max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Self.systemError("cannot create \(temporary)", path: path) }
        do throws(SafetensorsError) {
            var offset = 0
            try Self.writeAll(prefix, to: descriptor, at: &offset, path: path)
            try Self.writeAll(header, to: descriptor, at: &offset, path: path)
            for entry in entries {
                try Self.writeAll(entry.bytes, to: descriptor, at: &offset, path: path)
            }
            guard fsync(descriptor) == 0 else { throw Self.systemError("cannot flush the file", path: path) }
            guard close(descriptor) == 0 else {
                unlink(temporary)
                throw Self.systemError("cannot close the file", path: path)
            }
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let failure = Self.systemError("cannot rename \(temporary) into place", path: path)
            unlink(temporary)
            throw failure
        }
    }

    /// The header JSON: `__metadata__` first (keys sorted), then the tensors in the order they were added.
    private func headerJSON() -> String {
        var fields: [String] = []
        if !metadata.isEmpty {
            let pairs = metadata.sorted { $0.key < $1.key }.map { "\(Self.quoted($0.key)):\(Self.quoted($0.value))" }
            fields.append("\"__metadata__\":{\(pairs.joined(separator: ","))}")
        }
        var offset = 0
        for entry in entries {
            let shape = entry.shape.map(String.init).joined(separator: ",")
            let end = offset + entry.bytes.count
            fields.append(
                "\(Self.quoted(entry.name)):{\"dtype\":\"\(entry.dtype.rawValue)\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(end)]}")
            offset = end
        }
        return "{\(fields.joined(separator: ","))}"
    }

    /// `text` as a JSON string literal.
    private static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// `values` converted by `convert` (a C kernel writing 16-bit patterns) to little-endian bytes.
    private static func encodeHalves(
        _ values: [Float], with convert: (UnsafePointer<Float>?, UnsafeMutablePointer<UInt16>?, Int) -> Void
    ) -> [UInt8] {
        let halves = [UInt16](unsafeUninitializedCapacity: values.count) { buffer, initialized in
            values.withUnsafeBufferPointer { convert($0.baseAddress, buffer.baseAddress, values.count) }
            initialized = values.count
        }
        return halves.withUnsafeBytes { [UInt8]($0) }
    }

    /// Writes every byte of `bytes` at file position `offset` and advances it, retrying short and interrupted writes.
    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, at offset: inout Int, path: String) throws(SafetensorsError) {
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                pwrite(descriptor, buffer.baseAddress.map { $0 + written }, bytes.count - written, off_t(offset + written))
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw systemError("cannot write the file", path: path)
            }
            written += result
        }
        offset += written
    }

    /// An I/O error for `path` whose message ends with the system's description of `errno`.
    private static func systemError(_ action: String, path: String) -> SafetensorsError {
        SafetensorsError(.io, file: path, message: "\(action): \(String(cString: strerror(errno)))")
    }
}
