import Foundation
import OrderedCollections
import Testing
import WeftCore
import WeftImage
import WeftNodes
import WeftTensor

@Suite struct LoadImageTests {
    let scratch = Scratch()

    private func load(_ name: String) async throws -> NodeOutput {
        try await LoadImage().run(inputs(["image": .string(name)]), context: scratch.context("LoadImage"))
    }

    @Test func rgbaBecomesImageAndInvertedAlphaMask() async throws {
        try ImageFixtures.install("rgba.png", in: scratch)
        let output = try await load("rgba.png")
        let image = try #require(output.tensor(0))
        let mask = try #require(output.tensor(1))
        #expect(image.shape == [1, 2, 3, 3])
        #expect(mask.shape == [1, 2, 3])
        // Pixel (row 0, column 1) is RGBA (128, 20, 201, 0): each sample is byte / 255 in Float32, alpha 0 → mask 1.
        #expect(image[0, 0, 1, 0] == Float(128) / 255)
        #expect(image[0, 0, 1, 1] == Float(20) / 255)
        #expect(image[0, 0, 1, 2] == Float(201) / 255)
        #expect(mask.scalars == Self.channelMasks[0].1)
        #expect(mask[0, 0, 1] == 1)
    }

    @Test func imageWithoutAlphaHasComfyUIsEmptyMask() async throws {
        try ImageFixtures.install("comfyui_saved.png", as: "plain.png", in: scratch)
        let output = try await load("plain.png")
        let image = try #require(output.tensor(0))
        #expect(image.shape == [1, 3, 4, 3])
        let expected: [Float] = (0..<36).map { (index: Int) -> Float in Float(index * 7 % 256) / 255 }
        #expect(image.scalars == expected)
        #expect(output.tensor(1) == Tensor.zeros([1, 64, 64]))
    }

    @Test func subfoldersAndAnnotationsPickTheFolder() async throws {
        try ImageFixtures.install("rgba.png", as: "faces/a.png", in: scratch)
        let saved = scratch.directories.output.appending(path: "render_00001_.png")
        try FileManager.default.createDirectory(at: scratch.directories.output, withIntermediateDirectories: true)
        try Data(try ImageFixtures.bytes("comfyui_saved.png")).write(to: saved)
        #expect(try await load("faces/a.png").tensor(0)?.shape == [1, 2, 3, 3])
        #expect(try await load("faces/a.png [input]").tensor(0)?.shape == [1, 2, 3, 3])
        #expect(try await load("render_00001_.png [output]").tensor(0)?.shape == [1, 3, 4, 3])
    }

    @Test func missingHostileAndCorruptFilesGiveClearErrors() async throws {
        await #expect(throws: ImageNodeError.fileNotFound(input: "image", name: "nope.png")) { try await load("nope.png") }
        await #expect(throws: PathSafetyError.parentReference(field: "image", value: "../secret.png")) {
            try await load("../secret.png")
        }
        try FileManager.default.createDirectory(at: scratch.directories.input, withIntermediateDirectories: true)
        try Data(try ImageFixtures.bytes("rgba.png").prefix(40)).write(to: scratch.directories.input.appending(path: "cut.png"))
        do {
            _ = try await load("cut.png")
            Issue.record("a truncated PNG loaded")
        } catch let error as ImageNodeError {
            guard case .unreadableFile(let input, let name, let reason) = error else { throw error }
            #expect(input == "image" && name == "cut.png")
            #expect(reason.contains("PNG"))
        }
    }

    @Test func aHugeHeaderIsRefusedBeforeAnyPixelIsAllocated() async throws {
        try ImageFixtures.install("huge_header.png", in: scratch)
        do {
            _ = try await load("huge_header.png")
            Issue.record("a 65535 x 65535 header loaded")
        } catch let error as ImageNodeError {
            guard case .unreadableFile(_, let name, let reason) = error else { throw error }
            #expect(name == "huge_header.png")
            #expect(reason.contains("65535 x 65535"))
        }
    }

    @Test func fingerprintFollowsTheFileContents() async throws {
        try ImageFixtures.install("rgba.png", as: "x.png", in: scratch)
        let node = LoadImage()
        let literal = inputs(["image": .string("x.png")])
        let first = try await node.fingerprint(literal, context: scratch.context())
        // `sha256sum rgba.png`, as ComfyUI's IS_CHANGED computes it.
        #expect(first == .value("e8f2268c11dbbb34096f75caf6a005e80caa60e5a6fc99afa61f33f20a434bbe"))
        #expect(try await node.fingerprint(literal, context: scratch.context()) == first)
        try ImageFixtures.install("comfyui_saved.png", as: "x.png", in: scratch)
        let second = try await node.fingerprint(literal, context: scratch.context())
        #expect(second != first)
        #expect(try await node.fingerprint(inputs([:]), context: scratch.context()) == nil)
    }

    @Test func comboListsDecodableTopLevelImagesAndValidationChecksNames() throws {
        try ImageFixtures.install("rgba.png", as: "b.png", in: scratch)
        try ImageFixtures.install("rgba.png", as: "A.jpg", in: scratch)
        try ImageFixtures.install("rgba.png", as: "sub/c.png", in: scratch)
        try Data("text".utf8).write(to: scratch.directories.input.appending(path: "notes.txt"))
        let node = LoadImage(settings: ImageNodeSettings(directories: scratch.directories))
        let input = try #require(node.schema.inputs.first)
        #expect(input.type == .combo(["A.jpg", "b.png"]))
        #expect(input.options["image_upload"] == true)
        #expect(node.customValidatedInputs == ["image"])
        #expect(node.validateInputs(inputs(["image": .string("sub/c.png")])).isEmpty)
        let missing = node.validateInputs(inputs(["image": .string("gone.png")]))
        #expect(missing.map(\.inputName) == ["image"])
        #expect(missing.first?.message.hasPrefix("Invalid image file: gone.png") == true)
        #expect(node.validateInputs(inputs(["image": .string("../../etc/passwd")])).count == 1)
        // Without known folders (multi-user servers) only the name's safety is checked before running.
        #expect(LoadImage().validateInputs(inputs(["image": .string("gone.png")])).isEmpty)
        #expect(LoadImage().validateInputs(inputs(["image": .string("/etc/passwd")])).count == 1)
    }

    /// The fixture's alpha bytes as a mask (`1 - alpha / 255`) and its red bytes as a mask (`red / 255`).
    static let channelMasks: [(String, [Float])] = [
        ("alpha", rgbaAlpha.map { (byte: Float) -> Float in 1 - byte / 255 }),
        ("red", rgbaRed.map { (byte: Float) -> Float in byte / 255 }),
    ]
    static let rgbaAlpha: [Float] = [255, 0, 127, 128, 1, 254]
    static let rgbaRed: [Float] = [0, 128, 255, 1, 2, 3]

    @Test(arguments: channelMasks)
    func loadImageMaskTakesOneChannel(channel: String, expected: [Float]) async throws {
        try ImageFixtures.install("rgba.png", in: scratch)
        let output = try await LoadImageMask().run(
            inputs(["image": .string("rgba.png"), "channel": .string(channel)]), context: scratch.context("LoadImageMask"))
        let mask = try #require(output.tensor(0))
        #expect(mask.shape == [1, 2, 3])
        #expect(mask.scalars == expected)
    }

    @Test func loadImageMaskAlphaOfAnOpaqueImageIsZero() async throws {
        try ImageFixtures.install("comfyui_saved.png", as: "opaque.png", in: scratch)
        let output = try await LoadImageMask().run(
            inputs(["image": .string("opaque.png"), "channel": .string("alpha")]), context: scratch.context("LoadImageMask"))
        #expect(output.tensor(0) == Tensor.zeros([1, 3, 4]))
    }
}
