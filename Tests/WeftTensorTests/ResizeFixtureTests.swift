import Testing
import WeftTensor

/// Cross-checks against Fixtures/resize.safetensors, written by PyTorch 2.15 (`interpolate`) and Pillow 13 (LANCZOS).
///
/// Tolerances: the PyTorch methods within 1e-5 absolute (they differ from PyTorch only in float rounding order: merged
/// border taps, the separable area mean, fused multiply-adds in PyTorch's vectorised build); lanczos within 1/255 on at
/// most 1 % of the values and equal elsewhere (it reproduces Pillow's integer arithmetic, so none are expected to differ).
@Suite("resize against PyTorch and Pillow")
struct ResizeFixtureTests {
    @Test("the fixture opens and holds every case")
    func fixtureOpens() throws {
        let file = try ResizeFixture.open()
        #expect(file.names.count == 87)
        #expect(ResizeFixture.cases.count == 82)
    }

    @Test("channels-first upscale matches the reference", arguments: ResizeFixture.cases)
    func channelsFirst(_ reference: ResizeFixture.Case) throws {
        let file = try ResizeFixture.open()
        let input = try ResizeFixture.tensor(file, "input." + reference.input)
        let expected = try ResizeFixture.tensor(file, reference.name)
        let output = try upscale(input, height: reference.height, width: reference.width, method: reference.method, crop: reference.crop)
        #expect(output.shape == expected.shape)
        check(output, expected, method: reference.method)
        if reference.crop == .disabled {
            #expect(try resize(input, height: reference.height, width: reference.width, method: reference.method) == output)
        }
    }

    @Test("channels-last upscale matches the reference", arguments: ResizeFixture.cases)
    func channelsLast(_ reference: ResizeFixture.Case) throws {
        let file = try ResizeFixture.open()
        let input = movingChannels(try ResizeFixture.tensor(file, "input." + reference.input), toLast: true)
        let expected = try ResizeFixture.tensor(file, reference.name)
        let output = try upscale(
            channelsLast: input, height: reference.height, width: reference.width, method: reference.method, crop: reference.crop)
        #expect(output.shape == movingChannels(expected, toLast: true).shape)
        check(movingChannels(output, toLast: false), expected, method: reference.method)
    }

    /// Expects `output` within the documented tolerance of `expected` for `method`.
    private func check(_ output: Tensor, _ expected: Tensor, method: UpscaleMethod) {
        let (largest, differing) = resizeDifference(output, expected)
        if method == .lanczos {
            #expect(largest <= 1 / 255 + 1e-6)
            #expect(differing * 100 <= expected.count, "\(differing) of \(expected.count) values differ")
        } else {
            #expect(largest <= 1e-5)
        }
    }
}
