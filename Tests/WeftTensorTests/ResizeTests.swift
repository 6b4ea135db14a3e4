import CTensorKernels
import Testing
import WeftTensor

/// A `[1, 1, rows, columns]` tensor holding `values`, one inner array per row.
private func plane(_ values: [[Float]]) -> Tensor {
    try! Tensor(shape: [1, 1, values.count, values[0].count], values: values.flatMap { $0 })
}

@Suite("resize and upscale")
struct ResizeTests {
    @Test("bilinear 2×2 → 4×4, worked by hand")
    func bilinearByHand() throws {
        // Ratio 0.5: source positions 0.5 · (o + 0.5) − 0.5 are −0.25 (clamped to 0), 0.25, 0.75 and 1.25 (index
        // clamped to the last input), so on each axis the outputs sit 0, 0.25, 0.75 and 1 of the way from the first
        // input to the second; the input grows by 1 along a row and by 2 down a column.
        let output = try resize(plane([[0, 1], [2, 3]]), height: 4, width: 4, method: .bilinear)
        let steps: [Float] = [0, 0.25, 0.75, 1]
        #expect(output.shape == [1, 1, 4, 4])
        #expect(output.scalars == steps.flatMap { row in steps.map { 2 * row + $0 } })
    }

    @Test("nearest-exact copies the input at floor((o + 0.5) · in / out)")
    func nearestExactByHand() throws {
        // 3 → 5: (o + 0.5) · 0.6 = 0.3, 0.9, 1.5, 2.1, 2.7. 5 → 2: (o + 0.5) · 2.5 = 1.25, 3.75.
        #expect(try resize(plane([[10, 20, 30]]), height: 1, width: 5, method: .nearestExact).scalars == [10, 10, 20, 30, 30])
        #expect(try resize(plane([[10], [20], [30]]), height: 5, width: 1, method: .nearestExact).scalars == [10, 10, 20, 30, 30])
        #expect(try resize(plane([[1, 2, 3, 4, 5]]), height: 1, width: 2, method: .nearestExact).scalars == [2, 4])
    }

    @Test("area averages the inputs each output covers")
    func areaByHand() throws {
        // 4×4 → 2×2: the means of the four 2×2 blocks of 0 … 15. 3 → 2: windows 0..<2 and 1..<3
        // (floor(o · 3 / 2) ..< ceil((o + 1) · 3 / 2)).
        let x = plane((0..<4).map { row in (0..<4).map { Float(row * 4 + $0) } })
        #expect(try resize(x, height: 2, width: 2, method: .area).scalars == [2.5, 4.5, 10.5, 12.5])
        #expect(try resize(plane([[1, 2, 4]]), height: 1, width: 2, method: .area).scalars == [1.5, 3])
    }

    @Test("bicubic weighs four inputs with A = −0.75 and does not clamp the result")
    func bicubicByHand() throws {
        // 4 → 2: source positions 0.5 and 2.5, so t = 0.5 and the weights are [−0.09375, 0.59375, 0.59375, −0.09375]
        // on inputs [−1, 0, 1, 2] (clamped to [0, 0, 1, 2]) and [1, 2, 3, 4] (clamped to [1, 2, 3, 3]). Across a step
        // from 0 to 1 the results overshoot both ends.
        let output = try resize(plane([[0, 0, 1, 1]]), height: 1, width: 2, method: .bicubic)
        #expect(output.scalars == [-0.09375, 1.09375])
    }

    @Test("the same size gives the input back, except lanczos, which quantises to bytes")
    func sameSize() throws {
        let x = Reference.tensor([2, 3, 5, 7], seed: 91)
        for method in UpscaleMethod.allCases where method != .lanczos {
            #expect(try resize(x, height: 5, width: 7, method: method) == x, "\(method)")
        }
        // trunc(255 · 0.5) = 127; negatives clamp to 0, values above 1 to 255, NaN becomes 0.
        let lanczos = try resize(plane([[0.5, -1, 2, .nan, 1]]), height: 1, width: 5, method: .lanczos)
        #expect(lanczos.scalars == [127 / 255, 0, 1, 0, 1])
    }

    @Test("a centre crop reads the middle of the relatively longer axis")
    func centreCrop() throws {
        // 4×8 to the 1:1 aspect: round((8 − 8 · (1 / 2)) / 2) = 2 columns go from each side, leaving columns 2 ..< 6.
        let x = plane((0..<4).map { row in (0..<8).map { Float(row * 8 + $0) } })
        let output = try upscale(x, height: 4, width: 4, method: .nearestExact, crop: .center)
        #expect(output.scalars == (0..<4).flatMap { row in (2..<6).map { Float(row * 8 + $0) } })
        // 8×4 to 1:1: rows 2 ..< 6.
        let tall = plane((0..<8).map { row in (0..<4).map { Float(row * 4 + $0) } })
        let cropped = try upscale(tall, height: 4, width: 4, method: .nearestExact, crop: .center)
        #expect(cropped.scalars == (2..<6).flatMap { row in (0..<4).map { Float(row * 4 + $0) } })
        #expect(try upscale(x, height: 4, width: 4, method: .nearestExact, crop: .disabled) == resize(x, height: 4, width: 4, method: .nearestExact))
    }

    @Test("a large batch split across cores matches resizing each image alone")
    func largeBatch() throws {
        let x = Reference.tensor([3, 3, 61, 83], seed: 92)
        for method in UpscaleMethod.allCases {
            let whole = try resize(x, height: 150, width: 97, method: method)
            let planeSize = 3 * 150 * 97
            for image in 0..<3 {
                let single = try Tensor(shape: [1, 3, 61, 83], values: Array(x.scalars[(image * 3 * 61 * 83)..<((image + 1) * 3 * 61 * 83)]))
                let alone = try resize(single, height: 150, width: 97, method: method)
                #expect(Array(whole.scalars[(image * planeSize)..<((image + 1) * planeSize)]) == alone.scalars, "\(method)")
            }
        }
    }

    @Test("empty batches and channel lists give empty results")
    func emptyBatches() throws {
        #expect(try resize(Tensor.zeros([0, 3, 4, 4]), height: 8, width: 6, method: .bicubic).shape == [0, 3, 8, 6])
        #expect(try upscale(channelsLast: Tensor.zeros([2, 4, 4, 0]), height: 2, width: 3, method: .lanczos, crop: .center).shape == [2, 2, 3, 0])
    }

    @Test("bad shapes and sizes throw errors naming the operation, the shape and the reason")
    func errors() {
        let x = Tensor.zeros([1, 1, 2, 2])
        #expect(
            tensorErrorDescription { try resize(Tensor.zeros([1, 4, 4]), height: 2, width: 2, method: .bilinear) }
                == "resize: shape [1, 4, 4]: input must be [B, C, H, W]")
        #expect(
            tensorErrorDescription { try upscale(channelsLast: Tensor.zeros([1, 1, 4, 4, 3]), height: 2, width: 2, method: .area, crop: .disabled) }
                == "upscale(channelsLast:): shape [1, 1, 4, 4, 3]: input must be [B, H, W, C]")
        #expect(
            tensorErrorDescription { try resize(x, height: 0, width: 3, method: .bilinear) }
                == "resize: shape [1, 1, 2, 2]: target size 0×3 (height × width) must be at least 1×1")
        #expect(tensorErrorDescription { try resize(x, height: 3, width: -1, method: .lanczos) } != nil)
        #expect(
            tensorErrorDescription { try resize(Tensor.zeros([1, 3, 0, 0]), height: 2, width: 2, method: .bicubic) }
                == "resize: shape [1, 3, 0, 0]: input images are 0×0 (height × width), and resizing needs at least one pixel")
        #expect(tensorErrorDescription { try resize(Tensor.zeros([1, 3, 4, 0]), height: 2, width: 2, method: .nearestExact) } != nil)
        #expect(
            tensorErrorDescription { try resize(x, height: 1 << 20, width: 1 << 20, method: .bilinear) }
                == "resize: shape [1, 1, 2, 2]: target size 1048576×1048576 or input size 2×2 exceeds 2^31 elements per image plane")
        #expect(tensorErrorDescription { try resize(x, height: Int.max, width: 2, method: .bilinear) } != nil)
        #expect(
            tensorErrorDescription { try resize(Tensor.zeros([1000, 3, 1, 1]), height: 1 << 15, width: 1 << 15, method: .area) }
                == "resize: shape [1000, 3, 1, 1]: a result of 1000 × 3 planes of 32768×32768 exceeds 2^32 elements")
        #expect(
            tensorErrorDescription { try upscale(x, height: 1, width: 16384, method: .bilinear, crop: .center) }
                == "upscale: shape [1, 1, 2, 2]: a centre crop to the aspect ratio of 1×16384 (height × width) leaves no pixels")
    }

    @Test("the C table builder refuses empty, oversized and unknown axes")
    func tableBuilderRefuses() {
        #expect(wt_resize_axis_new(WT_RESIZE_LINEAR, 0, 3) == nil)
        #expect(wt_resize_axis_new(WT_RESIZE_AREA, 3, 0) == nil)
        #expect(wt_resize_axis_new(WT_RESIZE_CUBIC, 3, (1 << 31) + 1) == nil)
        #expect(wt_resize_axis_new(wt_resize_rule(rawValue: 9), 3, 3) == nil)
    }

    @Test("methods and crop modes use ComfyUI's names")
    func names() {
        #expect(UpscaleMethod.allCases.map(\.rawValue) == ["nearest-exact", "bilinear", "area", "bicubic", "lanczos"])
        #expect(CropMode.allCases.map(\.rawValue) == ["disabled", "center"])
    }
}
