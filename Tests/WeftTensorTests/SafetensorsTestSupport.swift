import Foundation

/// A fresh temporary directory for one test, and helpers to put files in it.
struct SafetensorsScratch {
    /// The directory's path.
    let directory: String

    init() throws {
        directory = NSTemporaryDirectory() + "safetensors-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    /// Writes `bytes` to `name` in the directory and returns the path.
    func write(_ bytes: [UInt8], named name: String = "test.safetensors") throws -> String {
        let path = directory + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Writes a file made of an 8-byte little-endian header length (`headerLength`, or the header's real length),
    /// the header text and `data`, and returns its path.
    func safetensors(header: String, data: [UInt8] = [], headerLength: UInt64? = nil) throws -> String {
        let json = Array(header.utf8)
        let length = headerLength ?? UInt64(json.count)
        return try write(withUnsafeBytes(of: length.littleEndian) { [UInt8]($0) } + json + data)
    }

    /// Removes the directory.
    func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// The bytes of the reference fixture (Fixtures/README.md).
func referenceFixtureBytes() throws -> [UInt8] {
    guard let url = Bundle.module.url(forResource: "reference", withExtension: "safetensors", subdirectory: "Fixtures") else {
        throw CocoaError(.fileNoSuchFile)
    }
    return [UInt8](try Data(contentsOf: url))
}
