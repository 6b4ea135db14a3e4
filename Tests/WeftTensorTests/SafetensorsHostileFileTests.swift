import Foundation
import Testing
import WeftTensor

/// Damaged and hostile files: each is refused with an error of the right kind naming the file (and the tensor).
@Suite struct SafetensorsHostileFileTests {
    /// Opens `path` and returns the error it must throw.
    func failure(_ path: String) -> SafetensorsError? {
        do {
            _ = try SafetensorsFile(path: path)
            return nil
        } catch {
            return error
        }
    }

    @Test("the reference file truncated at many points", arguments: [0, 4, 7, 8, 9, 100, 487, 488, 489, 520, 568])
    func truncated(length: Int) throws {
        let scratch = try SafetensorsScratch()
        defer { scratch.remove() }
        let path = try scratch.write(Array(try referenceFixtureBytes().prefix(length)))
        let error = try #require(failure(path))
        #expect(error.file == path)
        switch length {
        case ..<8: #expect(error.kind == .fileTooSmall)
        case ..<488: #expect(error.kind == .headerLengthInvalid)
        default:
            #expect(error.kind == .outOfBounds)
            #expect(error.tensor != nil)
        }
        if length == 568 {
            #expect(error.tensor == "u8")
            #expect(error.description.contains("data ends at byte 81 but the data section has only 80 bytes"))
        }
    }

    @Test("header lengths beyond the file or the limit are refused before anything is allocated")
    func headerLength() throws {
        let scratch = try SafetensorsScratch()
        defer { scratch.remove() }
        for length: UInt64 in [3, 100_000_001, 1 << 40, .max] {
            let error = try #require(failure(scratch.safetensors(header: "{}", headerLength: length)))
            #expect(error.kind == .headerLengthInvalid)
        }
    }

    /// A header and data that must be refused with `kind`, naming `tensor`.
    struct Case: Sendable, CustomTestStringConvertible {
        var header: String
        var data: [UInt8] = []
        var kind: SafetensorsError.Kind
        var tensor: String?
        var testDescription: String { "\(kind): \(header)" }
    }

    static let cases: [Case] = [
        Case(header: "", kind: .headerNotJSON),
        Case(header: "{\"a\":", kind: .headerNotJSON),
        Case(header: "[1, 2]", kind: .headerNotJSON),
        Case(header: "\"text\"", kind: .headerNotJSON),
        Case(header: "{\"__metadata__\":{\"a\":1}}", kind: .headerNotJSON),
        Case(header: "{\"__metadata__\":[]}", kind: .headerNotJSON),
        Case(header: "{\"w\":[]}", kind: .invalidEntry, tensor: "w"),
        Case(header: "{\"w\":{\"shape\":[1],\"data_offsets\":[0,4]}}", data: [0, 0, 0, 0], kind: .invalidEntry, tensor: "w"),
        Case(header: "{\"w\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", data: [0, 0, 0, 0], kind: .invalidEntry, tensor: "w"),
        Case(header: "{\"w\":{\"dtype\":\"F32\",\"shape\":[1]}}", data: [0, 0, 0, 0], kind: .invalidEntry, tensor: "w"),
        Case(header: "{\"w\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", data: [0, 0, 0, 0], kind: .invalidEntry, tensor: "w"),
        Case(header: "{\"w\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}", data: [0, 0, 0, 0], kind: .invalidEntry, tensor: "w"),
        Case(header: "{\"w\":{\"dtype\":\"F32\",\"shape\":[true],\"data_offsets\":[0,4]}}", data: [0, 0, 0, 0], kind: .invalidEntry, tensor: "w"),
        Case(header: "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4,8]}}", data: [0, 0, 0, 0], kind: .invalidEntry, tensor: "w"),
        Case(header: "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,0]}}", data: [0, 0, 0, 0], kind: .invalidEntry, tensor: "w"),
        Case(header: "{\"w\":{\"dtype\":\"Q4\",\"shape\":[1],\"data_offsets\":[0,4]}}", data: [0, 0, 0, 0], kind: .unknownDType, tensor: "w"),
        Case(header: "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}", data: [0, 0, 0, 0], kind: .sizeMismatch, tensor: "w"),
        Case(
            header: "{\"w\":{\"dtype\":\"F32\",\"shape\":[4611686018427387904,4],\"data_offsets\":[0,4]}}", data: [0, 0, 0, 0],
            kind: .sizeMismatch, tensor: "w"),
        Case(header: "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", data: [0, 0, 0, 0], kind: .outOfBounds, tensor: "w"),
        Case(
            header: "{\"w\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[9223372036854775806,9223372036854775807]}}",
            kind: .outOfBounds, tensor: "w"),
        Case(
            header: "{\"a\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[0,4]},\"b\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[3,5]}}",
            data: [0, 0, 0, 0, 0], kind: .overlap, tensor: "b"),
        Case(
            header: """
                {"a":{"dtype":"U8","shape":[8],"data_offsets":[0,8]},"z":{"dtype":"U8","shape":[0],"data_offsets":[2,2]},\
                "b":{"dtype":"U8","shape":[1],"data_offsets":[5,6]}}
                """,
            data: Array(repeating: 0, count: 8), kind: .overlap, tensor: "b"),
    ]

    @Test("malformed headers", arguments: cases)
    func malformed(_ testCase: Case) throws {
        let scratch = try SafetensorsScratch()
        defer { scratch.remove() }
        let path = try scratch.safetensors(header: testCase.header, data: testCase.data)
        let error = try #require(failure(path))
        #expect(error.kind == testCase.kind, "\(error)")
        #expect(error.tensor == testCase.tensor)
        #expect(error.file == path)
        #expect(error.description.hasPrefix(path + ": "))
    }

    @Test("a missing file and a directory are I/O errors")
    func notAFile() throws {
        let scratch = try SafetensorsScratch()
        defer { scratch.remove() }
        #expect(failure(scratch.directory + "/missing.safetensors")?.kind == .io)
        #expect(failure(scratch.directory)?.kind == .io)
    }

    @Test("a zero-size tensor may sit anywhere, and an empty header is a file with no tensors")
    func acceptedEdgeCases() throws {
        let scratch = try SafetensorsScratch()
        defer { scratch.remove() }
        let empty = try SafetensorsFile(path: scratch.safetensors(header: "{}"))
        #expect(empty.names.isEmpty)
        let header = "{\"a\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[0,4]},\"z\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[2,2]}}"
        let file = try SafetensorsFile(path: scratch.safetensors(header: header, data: [1, 2, 3, 4]))
        #expect(file.names == ["a", "z"])
    }
}
