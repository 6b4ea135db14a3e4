import Foundation

/// The parsed and validated JSON header of a safetensors file.
struct SafetensorsHeader {
    /// The largest header accepted, as in the reference implementation.
    static let maximumLength = 100_000_000

    /// Every tensor, by name.
    var tensors: [String: SafetensorsTensorInfo]
    /// The tensor names in the order of their data in the file (ties, which only zero-size tensors can have, by name).
    var names: [String]
    /// The `__metadata__` map, empty when there is none.
    var metadata: [String: String]

    /// Parses `json` and checks every entry against a data section of `dataLength` bytes; `file` names errors.
    init(json: UnsafeRawBufferPointer, dataLength: Int, file: String) throws(SafetensorsError) {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(json), options: [])
        } catch {
            throw SafetensorsError(.headerNotJSON, file: file, message: "the header is not valid JSON")
        }
        guard let entries = object as? [String: Any] else {
            throw SafetensorsError(.headerNotJSON, file: file, message: "the header is not a JSON object")
        }
        var tensors: [String: SafetensorsTensorInfo] = [:]
        var metadata: [String: String] = [:]
        for (name, value) in entries {
            if name == "__metadata__" {
                guard let map = value as? [String: Any], let strings = map as? [String: String] else {
                    throw SafetensorsError(.headerNotJSON, file: file, message: "__metadata__ is not a map of strings to strings")
                }
                metadata = strings
            } else {
                tensors[name] = try Self.entry(value, name: name, dataLength: dataLength, file: file)
            }
        }
        let ordered = tensors.sorted { left, right in
            (left.value.dataRange.lowerBound, left.value.dataRange.upperBound, left.key)
                < (right.value.dataRange.lowerBound, right.value.dataRange.upperBound, right.key)
        }
        var furthest: (name: String, range: Range<Int>)?
        for (name, info) in ordered where !info.dataRange.isEmpty {
            if let furthest, furthest.range.overlaps(info.dataRange) {
                throw SafetensorsError(
                    .overlap, file: file, tensor: name,
                    message: "bytes \(info.dataRange) overlap those of tensor \"\(furthest.name)\" (\(furthest.range))")
            }
            if info.dataRange.upperBound > furthest?.range.upperBound ?? 0 {
                furthest = (name, info.dataRange)
            }
        }
        self.tensors = tensors
        self.names = ordered.map(\.key)
        self.metadata = metadata
    }

    /// Checks one tensor entry and returns its description.
    private static func entry(_ value: Any, name: String, dataLength: Int, file: String) throws(SafetensorsError) -> SafetensorsTensorInfo {
        func invalid(_ message: String) -> SafetensorsError {
            SafetensorsError(.invalidEntry, file: file, tensor: name, message: message)
        }
        guard let fields = value as? [String: Any] else {
            throw invalid("the entry is not a JSON object")
        }
        guard let dtypeName = fields["dtype"] as? String else {
            throw invalid("missing or non-string \"dtype\"")
        }
        guard let dtype = SafetensorsDType(rawValue: dtypeName) else {
            throw SafetensorsError(.unknownDType, file: file, tensor: name, message: "unknown dtype \"\(dtypeName)\"")
        }
        guard let shapeValues = fields["shape"] as? [Any], let shape = integers(shapeValues) else {
            throw invalid("missing \"shape\", or it is not a list of non-negative integers")
        }
        guard let offsetValues = fields["data_offsets"] as? [Any], let offsets = integers(offsetValues), offsets.count == 2 else {
            throw invalid("missing \"data_offsets\", or it is not two non-negative integers")
        }
        guard offsets[0] <= offsets[1] else {
            throw invalid("data_offsets [\(offsets[0]), \(offsets[1])] end before they begin")
        }
        guard offsets[1] <= dataLength else {
            throw SafetensorsError(
                .outOfBounds, file: file, tensor: name,
                message: "data ends at byte \(offsets[1]) but the data section has only \(dataLength) bytes (truncated file?)")
        }
        var byteCount = dtype.byteSize
        for dimension in shape {
            let (product, overflow) = byteCount.multipliedReportingOverflow(by: dimension)
            guard !overflow else {
                throw SafetensorsError(.sizeMismatch, file: file, tensor: name, message: "shape \(shape) is too large")
            }
            byteCount = product
        }
        guard byteCount == offsets[1] - offsets[0] else {
            throw SafetensorsError(
                .sizeMismatch, file: file, tensor: name,
                message: "shape \(shape) of \(dtype) needs \(byteCount) bytes but data_offsets span \(offsets[1] - offsets[0])")
        }
        return SafetensorsTensorInfo(dtype: dtype, shape: shape, dataRange: offsets[0]..<offsets[1])
    }

    /// The values as non-negative integers, or nil if any is not one (booleans and fractions included).
    private static func integers(_ values: [Any]) -> [Int]? {
        var result: [Int] = []
        result.reserveCapacity(values.count)
        for value in values {
            guard let number = value as? NSNumber, String(cString: number.objCType) != "c", let integer = value as? Int, integer >= 0 else {
                return nil
            }
            result.append(integer)
        }
        return result
    }
}
