import Testing
import WeftImage
import WeftTensor

/// IMAGE and MASK tensors from rasters and back, with ComfyUI's arithmetic.
@Suite struct ImageTensorsTests {
    @Test func grayAndRGBABecomeRGBImages() throws {
        let gray = try RasterImage(width: 2, height: 1, channels: 1, pixels: [0, 51])
        #expect(ImageTensors.image(from: gray).scalars == [0, 0, 0, 0.2, 0.2, 0.2])
        let rgba = try RasterImage(width: 1, height: 2, channels: 4, pixels: [255, 128, 1, 0, 3, 2, 1, 255])
        let image = ImageTensors.image(from: rgba)
        #expect(image.shape == [1, 2, 1, 3])
        let expected: [Float] = [255, 128, 1, 3, 2, 1].map { (byte: Float) -> Float in byte / 255 }
        #expect(image.scalars == expected)
        #expect(ImageTensors.mask(fromAlphaOf: rgba)?.scalars == [1, 0])
        #expect(ImageTensors.mask(fromAlphaOf: gray) == nil)
    }

    @Test func masksFromChannelsOfGrayAlpha() throws {
        let grayAlpha = try RasterImage(width: 2, height: 1, channels: 2, pixels: [102, 255, 51, 0])
        #expect(ImageTensors.mask(from: grayAlpha, channel: .green).scalars == [0.4, 0.2])
        #expect(ImageTensors.mask(from: grayAlpha, channel: .alpha).scalars == [0, 1])
        #expect(ImageTensors.mask(from: grayAlpha, channel: .alpha).shape == [1, 1, 2])
    }

    @Test func rasterFromEveryBatchItemAndChannelLayout() throws {
        let batch = try Tensor(shape: [2, 1, 2, 1], values: [0, 1, 0.5, 0.25])
        #expect(try ImageTensors.raster(fromImage: batch, at: 1).pixels == [127, 63])
        #expect(try ImageTensors.raster(fromImage: batch, at: 1).channels == 1)
        let rgba = try Tensor(shape: [1, 1, 1, 4], values: [0.1, 0.2, 0.3, 0.4])
        #expect(try ImageTensors.raster(fromImage: rgba, at: 0).pixels == [25, 51, 76, 102])
    }

    @Test func everyByteSurvivesTheRoundTrip() throws {
        let bytes = (0..<256).map { UInt8($0) }
        let raster = try RasterImage(width: 256, height: 1, channels: 1, pixels: bytes)
        let image = ImageTensors.image(from: raster)
        let back = try ImageTensors.raster(fromImage: image, at: 0)
        #expect(back.pixels == (0..<256).flatMap { [UInt8($0), UInt8($0), UInt8($0)] })
    }

    @Test func malformedTensorsAreRefusedWithTheirShape() throws {
        for shape in [[2, 2, 3], [1, 2, 2, 2], [1, 0, 4, 3], [0, 2, 2, 3]] {
            #expect(throws: TensorError.self) { try ImageTensors.raster(fromImage: Tensor.zeros(shape), at: 0) }
        }
        do {
            _ = try ImageTensors.raster(fromImage: Tensor.zeros([1, 2, 2, 3]), at: 1)
            Issue.record("index 1 of a batch of 1 converted")
        } catch {
            #expect(error.description.contains("[1, 2, 2, 3]"))
            #expect(error.description.contains("outside the batch of 1"))
        }
    }
}
