import Foundation
import Testing
import WeftTensor

/// Reading the reference file written by the Python `safetensors` package, and files built byte by byte.
@Suite struct SafetensorsReaderTests {
    @Test("the reference fixture's names, infos and metadata")
    func layout() throws {
        let scratch = try SafetensorsScratch()
        defer { scratch.remove() }
        let file = try SafetensorsFile(path: scratch.write(referenceFixtureBytes()))
        #expect(file.names == ["i64", "empty", "f32", "scalar", "bf16", "f16", "u8"])
        #expect(file.metadata == ["format": "pt", "note": "made by safetensors 0.8.0"])
        #expect(try file.info("f16") == SafetensorsTensorInfo(dtype: .f16, shape: [3, 3], dataRange: 60..<78))
        #expect(try file.info("scalar").shape == [])
        #expect(try file.info("scalar").elementCount == 1)
        #expect(try file.info("empty").elementCount == 0)
    }

    @Test("released pages come back from the file with the same values")
    func releasedPages() throws {
        let scratch = try SafetensorsScratch()
        defer { scratch.remove() }
        var writer = SafetensorsWriter()
        let values = (0..<(1 << 16)).map { Float($0) * 0.5 }
        try writer.add("big", values: values, shape: [1 << 16])
        let path = scratch.directory + "/big.safetensors"
        try writer.write(to: path)
        let file = try SafetensorsFile(path: path)
        #expect(try file.floats("big") == values)
        file.releasePages(of: "big")
        file.releasePages(of: "no such tensor")
        #expect(try file.floats("big") == values)
    }

    @Test("every dtype in the fixture converts to the exact values written")
    func values() throws {
        let scratch = try SafetensorsScratch()
        defer { scratch.remove() }
        let file = try SafetensorsFile(path: scratch.write(referenceFixtureBytes()))
        let f32 = try file.floats("f32")
        #expect(f32.map(\.bitPattern) == [0, 1.5, -2.25, 3.4028235e38, 0x1p-149, -0.0].map { (value: Float) in value.bitPattern })
        let f16 = try file.floats("f16")
        #expect(Array(f16.prefix(8)) == [1.5, -2.25, 0, 65504, 0x1p-14, 0x1p-24, .infinity, -.infinity])
        #expect(f16[8].isNaN)
        #expect(try file.floats("bf16") == [1, -3, 0.15625, 0x1p-133])
        #expect(try file.floats("i64") == [-5, 0, 0x1p40])
        #expect(try file.floats("u8") == [0, 1, 255])
        #expect(try file.floats("scalar") == [42.5])
        #expect(try file.floats("empty") == [])
        let raw = try file.withRawBytes("u8") { [UInt8]($0) }
        #expect(raw == [0, 1, 255])
        let i64 = try file.withRawBytes("i64") { $0.loadUnaligned(fromByteOffset: 16, as: Int64.self) }
        #expect(i64 == 1 << 40)
    }

    @Test("unaligned tensors and the remaining integer, float and bool types")
    func unalignedAndOtherTypes() throws {
        let scratch = try SafetensorsScratch()
        defer { scratch.remove() }
        let header = """
            {"b":{"dtype":"BOOL","shape":[3],"data_offsets":[0,3]},"h":{"dtype":"F16","shape":[2],"data_offsets":[3,7]},\
            "bf":{"dtype":"BF16","shape":[1],"data_offsets":[7,9]},"d":{"dtype":"F64","shape":[1],"data_offsets":[9,17]},\
            "i32":{"dtype":"I32","shape":[1],"data_offsets":[17,21]},"i16":{"dtype":"I16","shape":[1],"data_offsets":[21,23]},\
            "i8":{"dtype":"I8","shape":[2],"data_offsets":[23,25]},"f":{"dtype":"F32","shape":[1],"data_offsets":[25,29]}}
            """
        var data: [UInt8] = [0, 2, 1, 0x00, 0x3c, 0x00, 0xc0, 0x80, 0x3f]
        data += withUnsafeBytes(of: (-0.1 as Double).bitPattern.littleEndian) { [UInt8]($0) }
        data += withUnsafeBytes(of: Int32(-70_000).littleEndian) { [UInt8]($0) }
        data += withUnsafeBytes(of: Int16(-300).littleEndian) { [UInt8]($0) }
        data += [0x80, 0x7f]
        data += withUnsafeBytes(of: Float(0.75).bitPattern.littleEndian) { [UInt8]($0) }
        let file = try SafetensorsFile(path: scratch.safetensors(header: header, data: data))
        #expect(file.names == ["b", "h", "bf", "d", "i32", "i16", "i8", "f"])
        #expect(try file.floats("b") == [0, 1, 1])
        #expect(try file.floats("h") == [1, -2])
        #expect(try file.floats("bf") == [1])
        #expect(try file.floats("d") == [Float(-0.1 as Double)])
        #expect(try file.floats("i32") == [-70_000])
        #expect(try file.floats("i16") == [-300])
        #expect(try file.floats("i8") == [-128, 127])
        #expect(try file.floats("f") == [0.75])
    }

    @Test("asking for a missing tensor names it")
    func missingTensor() throws {
        let scratch = try SafetensorsScratch()
        defer { scratch.remove() }
        let path = try scratch.write(referenceFixtureBytes())
        let file = try SafetensorsFile(path: path)
        #expect(throws: SafetensorsError(.noSuchTensor, file: path, tensor: "nope", message: "the file has no tensor of this name")) {
            try file.floats("nope")
        }
    }
}
