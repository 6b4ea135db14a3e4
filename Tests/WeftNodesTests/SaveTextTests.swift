import Foundation
import OrderedCollections
import Testing
import WeftCore
import WeftNodes

@Suite struct SaveTextTests {
    let scratch = Scratch()

    private func save(_ text: String, prefix: String = "ComfyUI") async throws -> NodeOutput {
        try await SaveText().run(
            inputs(["text": .string(text), "filename_prefix": .string(prefix)]), context: scratch.context("SaveText"))
    }

    @Test func writesNumberedFiles() async throws {
        let first = try await save("first")
        let second = try await save("second ✓")
        #expect(try scratch.outputText("ComfyUI_00001_.txt") == "first")
        #expect(try scratch.outputText("ComfyUI_00002_.txt") == "second ✓")
        #expect(first.slots.isEmpty)
        #expect(
            first.ui == [
                "text": ["first"],
                "files": [["filename": "ComfyUI_00001_.txt", "subfolder": "", "type": "output"]],
            ])
        #expect(second.ui?["files"] == [["filename": "ComfyUI_00002_.txt", "subfolder": "", "type": "output"]])
    }

    @Test func prefixesMakeSubfolders() async throws {
        let output = try await save("nested", prefix: "notes/day/log")
        #expect(try scratch.outputText("notes/day/log_00001_.txt") == "nested")
        #expect(output.ui?["files"] == [["filename": "log_00001_.txt", "subfolder": "notes/day", "type": "output"]])
        _ = try await save("root")
        #expect(try scratch.outputText("ComfyUI_00001_.txt") == "root")
    }

    @Test func refusesToLeaveTheOutputFolder() async throws {
        await #expect(throws: OutputPathError.outsideRoot(prefix: "../x")) { try await save("escape", prefix: "../x") }
        await #expect(throws: OutputPathError.outsideRoot(prefix: "/tmp/x")) { try await save("escape", prefix: "/tmp/x") }
        let escaped = scratch.directories.root.appending(path: "x_00001_.txt").path(percentEncoded: false)
        #expect(!FileManager.default.fileExists(atPath: escaped))
        #expect(
            OutputPathError.outsideRoot(prefix: "../x").description
                == "Saving image outside the output folder is not allowed (filename_prefix '../x')")
    }

    @Test func schemaMatchesTheBrief() {
        let schema = SaveText().schema
        #expect(schema.isOutputNode)
        #expect(schema.outputs.isEmpty)
        #expect(schema.inputs.map(\.name) == ["text", "filename_prefix"])
        #expect(schema.input(named: "text")?.options["forceInput"] == .bool(true))
        #expect(schema.input(named: "filename_prefix")?.defaultValue == .string("ComfyUI"))
    }
}
