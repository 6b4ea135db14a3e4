import Foundation
import OrderedCollections
import Testing
import WeftCore

/// `weft inspect`: the workflow a saved PNG carries, printed so it can be run again; and `--disable-metadata`.
@Suite struct InspectCommandTests {
    @Test func savedImagesCarryAPromptThatRunsAgain() async throws {
        let data = try TemporaryDirectory()
        defer { data.remove() }
        let first = try await weft("run", WeftProcess.workflow("image-outpaint.json"), "--set", "1.color=255", in: data.url)
        #expect(first.status == 0, "\(first.stderr)")
        let canvas = data.path("output/outpaint/canvas_00001_.png")
        #expect(FileManager.default.fileExists(atPath: canvas))

        let printed = try await weft("inspect", canvas, in: data.url)
        #expect(printed.status == 0, "\(printed.stderr)")
        let prompt = try JSONParser().parse(printed.stdout)
        #expect(prompt["1"]?["inputs"]?["color"] == 255)
        #expect(prompt["7"]?["class_type"] == "SaveImage")
        #expect(prompt.objectValue?.count == 9)

        try data.write("again.json", printed.stdout)
        let second = try await weft("run", "again.json", in: data.url)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(FileManager.default.contents(atPath: data.path("output/outpaint/canvas_00002_.png")) == FileManager.default.contents(atPath: canvas))

        let info = try await weft("inspect", "--info", canvas, in: data.url)
        #expect(info.status == 0)
        #expect(info.stdout.contains("PNG, 640 x 512, RGB"))
        #expect(info.stdout.contains("prompt: ") && info.stdout.contains("API prompt with 9 nodes"))

        // `weft run` has no editor graph to embed, so there is no `workflow` chunk.
        let workflow = try await weft("inspect", "--workflow", canvas, in: data.url)
        #expect(workflow.status == 1)
        #expect(workflow.stderr.contains("has no editor workflow (`workflow` chunk)"))
    }

    @Test func metadataCanBeTurnedOffAndBadFilesAreNamed() async throws {
        let data = try TemporaryDirectory()
        defer { data.remove() }
        let run = try await weft("run", WeftProcess.workflow("image-outpaint.json"), "--disable-metadata", in: data.url)
        #expect(run.status == 0, "\(run.stderr)")
        let bare = try await weft("inspect", data.path("output/outpaint/mask_00001_.png"), in: data.url)
        #expect(bare.status == 1)
        #expect(bare.stderr.contains("has no API prompt (`prompt` chunk)"))

        try data.write("notes.txt", "not an image")
        let text = try await weft("inspect", "notes.txt", in: data.url)
        #expect(text.status == 2)
        #expect(text.stderr.contains("'notes.txt' is not a PNG, JPEG or WebP image"))
        let missing = try await weft("inspect", "nowhere.png", in: data.url)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot read 'nowhere.png'"))
    }
}
