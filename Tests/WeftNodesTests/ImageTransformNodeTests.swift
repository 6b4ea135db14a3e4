import Foundation
import OrderedCollections
import Testing
import WeftCore
import WeftImage
import WeftNodes
import WeftTensor

/// The transform nodes against PyTorch reference outputs (Fixtures/image_ops.safetensors, see the README) and
/// hand-worked cases.
@Suite struct ImageTransformNodeTests {
    /// A tensor from the reference file.
    static func reference(_ name: String) throws -> Tensor {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/image_ops", withExtension: "safetensors"))
        let file = try SafetensorsFile(path: url.path(percentEncoded: false))
        return try Tensor(shape: try file.info(name).shape, values: try file.floats(name))
    }

    /// The largest absolute difference between two tensors of the same shape.
    static func largestDifference(_ a: Tensor, _ b: Tensor) -> Float {
        guard a.shape == b.shape else { return .infinity }
        return zip(a.scalars, b.scalars).map { abs($0 - $1) }.max() ?? 0
    }

    private func output(_ node: some Node, _ values: KeyValuePairs<String, Value>, slot: Int = 0) async throws -> Tensor {
        try #require(try await run(node, values).tensor(slot))
    }

    @Test(arguments: [
        ("composite.masked_x2_y3", 2, 3, true, false),
        ("composite.plain_x4_y1", 4, 1, false, false),
        ("composite.resized_mask", 0, 0, true, true),
    ])
    func compositeMatchesPyTorch(expected: String, x: Int, y: Int, masked: Bool, resize: Bool) async throws {
        var values: [String: [Value]] = [
            "destination": [.image(try Self.reference("composite.destination"))], "source": [.image(try Self.reference("composite.source"))],
            "x": [.int(Int128(x))], "y": [.int(Int128(y))], "resize_source": [.bool(resize)],
        ]
        if masked { values["mask"] = [.mask(try Self.reference("composite.mask"))] }
        let result = try #require(try await ImageCompositeMasked().run(NodeInputs(lists: values), context: Scratch().context()).tensor(0))
        // Bilinear weights and blending in float32 in both; differences are rounding only.
        #expect(Self.largestDifference(result, try Self.reference(expected)) < 1e-6)
    }

    @Test func padForOutpaintMatchesPyTorch() async throws {
        let node = ImagePadForOutpaint()
        let output = try await run(
            node, ["image": .image(try Self.reference("pad.input")), "left": 2, "top": 0, "right": 3, "bottom": 1, "feathering": 2])
        let image = try #require(output.tensor(0))
        let mask = try #require(output.tensor(1))
        #expect(image == (try Self.reference("pad.image")))
        #expect(mask == (try Self.reference("pad.mask")))
        #expect(mask.shape == [1, 7, 12])
    }

    @Test func batchResizesTheSecondToTheFirst() async throws {
        let joined = try await output(
            ImageBatch(), ["image1": .image(try Self.reference("batch.first")), "image2": .image(try Self.reference("batch.second"))])
        #expect(joined.shape == [3, 4, 6, 3])
        #expect(Self.largestDifference(joined, try Self.reference("batch.joined")) < 1e-6)
    }

    @Test func scaleSizesFollowComfyUIsRounding() async throws {
        let image = byteExactImage([1, 7, 9, 3])
        #expect(
            try await output(ImageScale(), ["image": .image(image), "upscale_method": "bilinear", "width": 0, "height": 14, "crop": "disabled"]).shape
                == [1, 14, 18, 3])
        // 9 × 4 / 7 = 5.14 → 5; both 0 returns the image itself.
        #expect(
            try await output(ImageScale(), ["image": .image(image), "upscale_method": "area", "width": 4, "height": 0, "crop": "disabled"]).shape == [
                1, 3, 4, 3,
            ])
        #expect(
            try await output(ImageScale(), ["image": .image(image), "upscale_method": "lanczos", "width": 0, "height": 0, "crop": "center"]) == image)
        // 7 × 1.5 = 10.5 → 10 and 9 × 1.5 = 13.5 → 14 (halves to even, as Python's round).
        #expect(
            try await output(ImageScaleBy(), ["image": .image(image), "upscale_method": "nearest-exact", "scale_by": 1.5]).shape == [1, 10, 14, 3])
        // int(0.01 × 2^20) = 10485 pixels: factor √(10485 / 63) = 12.9 → 90 × 116.
        let total = try await output(ImageScaleToTotalPixels(), ["image": .image(image), "upscale_method": "bicubic", "megapixels": 0.01])
        #expect(total.shape == [1, 90, 116, 3])
        let stepped = try await output(
            ImageScaleToTotalPixels(), ["image": .image(image), "upscale_method": "bicubic", "megapixels": 0.01, "resolution_steps": 16])
        #expect(stepped.shape == [1, 96, 112, 3])
    }

    @Test func scaleRefusesImpossibleSizes() async throws {
        let image = byteExactImage([1, 2, 2, 3])
        await #expect(throws: ImageNodeError.self) {
            _ = try await run(ImageScaleBy(), ["image": .image(image), "upscale_method": "bilinear", "scale_by": 0.01])
        }
        await #expect(throws: ImageNodeError.self) {
            _ = try await run(ImageScale(), ["image": .image(image), "upscale_method": "sideways", "width": 4, "height": 4, "crop": "disabled"])
        }
    }

    @Test func cropClampsToTheImage() async throws {
        let image = byteExactImage([2, 4, 5, 3])
        let inside = try await output(ImageCrop(), ["image": .image(image), "width": 2, "height": 3, "x": 1, "y": 1])
        #expect(inside.shape == [2, 3, 2, 3])
        #expect(inside[1, 0, 0, 2] == image[1, 1, 1, 2])
        #expect(inside[0, 2, 1, 0] == image[0, 3, 2, 0])
        // x past the right edge is pulled to the last column, and the region is cut at the edge.
        let edge = try await output(ImageCrop(), ["image": .image(image), "width": 512, "height": 512, "x": 99, "y": 0])
        #expect(edge.shape == [2, 4, 1, 3])
        #expect(edge[0, 3, 0, 1] == image[0, 3, 4, 1])
    }

    @Test func invertEmptyAndMasks() async throws {
        let image = try Tensor(shape: [1, 1, 2, 3], values: [0, 0.25, 1, 0.5, 0.75, 0.125])
        #expect(try await output(ImageInvert(), ["image": .image(image)]).scalars == [1, 0.75, 0, 0.5, 0.25, 0.875])
        let empty = try await output(EmptyImage(), ["width": 3, "height": 2, "batch_size": 2, "color": 0x12_34FF])
        #expect(empty.shape == [2, 2, 3, 3])
        #expect(Array(empty.scalars[0..<3]) == [Float(Double(0x12) / 255), Float(Double(0x34) / 255), 1])
        #expect(Array(empty.scalars[33..<36]) == Array(empty.scalars[0..<3]))
        #expect(try await output(SolidMask(), ["value": 0.25, "width": 3, "height": 2]) == Tensor(shape: [1, 2, 3], repeating: 0.25))
        let mask = try Tensor(shape: [1, 1, 2], values: [0.25, 1])
        #expect(try await output(InvertMask(), ["mask": .mask(mask)]).scalars == [0.75, 0])
        let gray = try await output(MaskToImage(), ["mask": .mask(mask)])
        #expect(gray.shape == [1, 1, 2, 3])
        #expect(gray.scalars == [0.25, 0.25, 0.25, 1, 1, 1])
        #expect(try await output(ImageToMask(), ["image": .image(image), "channel": "green"]).scalars == [0.25, 0.75])
        #expect(try await output(ImageToMask(), ["image": .image(image), "channel": "green"]).shape == [1, 1, 2])
    }

    @Test func malformedInputsAreNamed() async throws {
        let image = byteExactImage([1, 2, 2, 3])
        await #expect(throws: ImageNodeError.badShape(input: "image", shape: [1, 2, 2, 3], expected: "a alpha channel (index 3)")) {
            _ = try await run(ImageToMask(), ["image": .image(image), "channel": "alpha"])
        }
        await #expect(throws: TensorError.self) {
            _ = try await run(ImageBatch(), ["image1": .image(image), "image2": .image(byteExactImage([1, 2, 2, 4]))])
        }
        await #expect(throws: TensorError.self) {
            _ = try await run(EmptyImage(), ["width": 65535, "height": 65535, "batch_size": 4096, "color": 0])
        }
        await #expect(throws: NodeInputError.self) { _ = try await run(ImageInvert(), ["image": .string("not an image")]) }
        await #expect(throws: ImageNodeError.self) { _ = try await run(ImageInvert(), ["image": .image(Tensor.zeros([0, 2, 2, 3]))]) }
    }
}
