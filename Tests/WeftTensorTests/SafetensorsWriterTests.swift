import Foundation
import Testing
import WeftTensor

/// Files written by SafetensorsWriter, read back by SafetensorsFile.
@Suite struct SafetensorsWriterTests {
    @Test("F32, F16 and BF16 tensors, metadata, a scalar and an empty tensor survive a round trip")
    func roundTrip() throws {
        let scratch = try SafetensorsScratch()
        defer { scratch.remove() }
        let values: [Float] = [0, -0.0, 1.5, -2.25, 65504, 0x1p-24, .infinity, -.infinity]
        var writer = SafetensorsWriter(metadata: ["format": "pt", "quote\"and\\slash\n": "ünïcode ✓"])
        try writer.add("weight \"odd\" name", values: values, shape: [2, 4])
        try writer.add("half", values: values + [1 + 0x1p-11, 1 + 0x1p-10 + 0x1p-11], shape: [10], storage: .f16)
        try writer.add("brain", values: [1, -3, 0.15625, 1 + 0x1p-8], shape: [2, 2], storage: .bf16)
        try writer.add("scalar", values: [42.5], shape: [])
        try writer.add("empty", values: [], shape: [3, 0])
        let path = scratch.directory + "/out.safetensors"
        try writer.write(to: path)

        let file = try SafetensorsFile(path: path)
        #expect(file.names == ["weight \"odd\" name", "half", "brain", "scalar", "empty"])
        #expect(file.metadata == writer.metadata)
        #expect(try file.floats("weight \"odd\" name").map(\.bitPattern) == values.map(\.bitPattern))
        #expect(try file.info("half") == SafetensorsTensorInfo(dtype: .f16, shape: [10], dataRange: 32..<52))
        // The two extra values are ties: 1 + 2^-11 rounds down to 1 (even), 1 + 3 * 2^-11 up to 1 + 2^-9.
        #expect(try file.floats("half").map(\.bitPattern) == (values + [1, 1 + 0x1p-9]).map(\.bitPattern))
        #expect(try file.floats("brain") == [1, -3, 0.15625, 1])
        #expect(try file.floats("scalar") == [42.5])
        #expect(try file.info("empty").shape == [3, 0])
        #expect(try file.floats("empty") == [])
        // Only the target remains: the temporary file was renamed.
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.directory) == ["out.safetensors"])
    }

    @Test("the header is padded with spaces to 8-byte alignment, as the reference writer does")
    func layout() throws {
        let scratch = try SafetensorsScratch()
        defer { scratch.remove() }
        for nameLength in 1...9 {
            var writer = SafetensorsWriter()
            try writer.add(String(repeating: "x", count: nameLength), values: [1, 2], shape: [2])
            let path = scratch.directory + "/layout.safetensors"
            try writer.write(to: path)
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            let headerLength = Int(bytes[0..<8].reversed().reduce(0) { $0 << 8 | UInt64($1) })
            #expect(headerLength % 8 == 0)
            #expect(bytes.count == 8 + headerLength + 8)
            let header = String(decoding: bytes[8..<(8 + headerLength)], as: UTF8.self)
            #expect(header.hasPrefix("{\"\(String(repeating: "x", count: nameLength))\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}"))
            #expect(header.drop { $0 != "}" }.dropFirst(2).allSatisfy { $0 == " " })
        }
    }

    @Test("writing replaces an existing file whole")
    func replaces() throws {
        let scratch = try SafetensorsScratch()
        defer { scratch.remove() }
        let path = try scratch.write(Array(repeating: 0xff, count: 10_000), named: "model.safetensors")
        var writer = SafetensorsWriter()
        try writer.add("a", values: [3], shape: [1])
        try writer.write(to: path)
        #expect(try SafetensorsFile(path: path).floats("a") == [3])
    }

    @Test("bad input to the writer is refused with a clear error")
    func invalidArguments() throws {
        var writer = SafetensorsWriter()
        try writer.add("a", values: [1, 2], shape: [2])
        #expect(throws: SafetensorsError.self) { try writer.add("b", values: [1, 2, 3], shape: [2, 2]) }
        #expect(throws: SafetensorsError.self) { try writer.add("a", values: [1], shape: [1]) }
        #expect(throws: SafetensorsError.self) { try writer.add("__metadata__", values: [1], shape: [1]) }
        #expect(throws: SafetensorsError.self) { try writer.add("c", values: [], shape: [-1, 0]) }
        do {
            try writer.add("b", values: [1, 2, 3], shape: [2, 2])
        } catch {
            #expect(error.kind == .invalidArgument)
            #expect(error.description == "(safetensors writer): tensor \"b\": shape [2, 2] holds 4 values but 3 were given")
        }
        #expect(throws: SafetensorsError.self) { try writer.write(to: "/nonexistent-directory/x.safetensors") }
    }
}
