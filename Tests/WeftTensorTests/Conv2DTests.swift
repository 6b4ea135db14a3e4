import Testing

@testable import WeftTensor

/// One random conv2d case: shapes and hyper-parameters as PyTorch takes them.
struct Conv2DCase: CustomTestStringConvertible, Sendable {
    var name: String
    var input: [Int]
    var weight: [Int]
    var stride = (1, 1)
    var padding = (0, 0)
    var dilation = (1, 1)
    var groups = 1

    var testDescription: String { name }
}

/// A direct double-precision convolution over the logical indices (batch, output channel, output row and column,
/// input channel of the group, kernel row and column): the independent reference.
func referenceConv2D(_ input: Tensor, _ weight: Tensor, _ bias: Tensor?, _ spec: Conv2DCase) -> [Float] {
    let (batch, inChannels, height, width) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
    let (outChannels, groupIn, kernelHeight, kernelWidth) = (weight.shape[0], weight.shape[1], weight.shape[2], weight.shape[3])
    let groupOut = outChannels / spec.groups
    let outHeight = (height + 2 * spec.padding.0 - spec.dilation.0 * (kernelHeight - 1) - 1) / spec.stride.0 + 1
    let outWidth = (width + 2 * spec.padding.1 - spec.dilation.1 * (kernelWidth - 1) - 1) / spec.stride.1 + 1
    var result: [Float] = []
    for n in 0..<batch {
        for outChannel in 0..<outChannels {
            let group = outChannel / groupOut
            for oy in 0..<outHeight {
                for ox in 0..<outWidth {
                    var sum = Double(bias?.scalars[outChannel] ?? 0)
                    for channel in 0..<groupIn {
                        let inChannel = group * groupIn + channel
                        for ky in 0..<kernelHeight {
                            for kx in 0..<kernelWidth {
                                let iy = oy * spec.stride.0 - spec.padding.0 + ky * spec.dilation.0
                                let ix = ox * spec.stride.1 - spec.padding.1 + kx * spec.dilation.1
                                guard iy >= 0, iy < height, ix >= 0, ix < width else { continue }
                                let x = input.scalars[((n * inChannels + inChannel) * height + iy) * width + ix]
                                let w = weight.scalars[((outChannel * groupIn + channel) * kernelHeight + ky) * kernelWidth + kx]
                                sum += Double(x) * Double(w)
                            }
                        }
                    }
                    result.append(Float(sum))
                }
            }
        }
    }
    return result
}

@Suite("conv2d")
struct Conv2DTests {
    static let cases: [Conv2DCase] = [
        Conv2DCase(name: "3×3 pad 1", input: [1, 3, 7, 6], weight: [4, 3, 3, 3], padding: (1, 1)),
        Conv2DCase(name: "3×3 stride 2 pad 1", input: [1, 4, 9, 8], weight: [5, 4, 3, 3], stride: (2, 2), padding: (1, 1)),
        Conv2DCase(name: "3×3 dilation 2 pad 2", input: [1, 2, 10, 9], weight: [3, 2, 3, 3], padding: (2, 2), dilation: (2, 2)),
        Conv2DCase(name: "groups 2", input: [1, 4, 6, 6], weight: [6, 2, 3, 3], padding: (1, 1), groups: 2),
        Conv2DCase(name: "depthwise", input: [1, 5, 7, 7], weight: [5, 1, 3, 3], padding: (1, 1), groups: 5),
        Conv2DCase(name: "1×1", input: [1, 6, 5, 7], weight: [4, 6, 1, 1]),
        Conv2DCase(name: "1×1 groups 3", input: [1, 6, 4, 4], weight: [9, 2, 1, 1], groups: 3),
        Conv2DCase(name: "1×1 stride 2", input: [1, 3, 7, 7], weight: [2, 3, 1, 1], stride: (2, 2)),
        Conv2DCase(
            name: "non-square 2×5 kernel on 11×6, mixed stride/padding/dilation", input: [1, 3, 11, 6], weight: [4, 3, 2, 5],
            stride: (2, 1), padding: (0, 2), dilation: (3, 1)),
        Conv2DCase(name: "batch 2, 3×3 pad 1", input: [2, 3, 5, 8], weight: [4, 3, 3, 3], padding: (1, 1)),
        Conv2DCase(name: "batch 2, 1×1", input: [2, 5, 3, 4], weight: [3, 5, 1, 1]),
    ]

    @Test("hand-worked 1×1×3×3 input with a 2×2 kernel, with and without bias")
    func handWorked() throws {
        let input = try Tensor(shape: [1, 1, 3, 3], values: [1, 2, 3, 4, 5, 6, 7, 8, 9])
        let weight = try Tensor(shape: [1, 1, 2, 2], values: [1, 0, 0, -1])
        // Each output is top-left minus bottom-right of its 2×2 window: 1 - 5, 2 - 6, 4 - 8, 5 - 9.
        let output = try conv2d(input, weight: weight, bias: nil)
        #expect(output.shape == [1, 1, 2, 2])
        #expect(output.scalars == [-4, -4, -4, -4])
        let biased = try conv2d(input, weight: weight, bias: try Tensor(shape: [1], values: [0.5]))
        #expect(biased.scalars == [-3.5, -3.5, -3.5, -3.5])
        // Padding 1 adds a ring of zeros: the corner output is 0·1 - 1·1 = -1 and the far corner is 9·1 - 0 = 9.
        let padded = try conv2d(input, weight: weight, bias: nil, padding: (1, 1))
        #expect(padded.shape == [1, 1, 4, 4])
        #expect(padded.scalars == [-1, -2, -3, 0, -4, -4, -4, 3, -7, -4, -4, 6, 0, 7, 8, 9])
    }

    @Test("random cases match the double-precision reference", arguments: cases, [false, true])
    func matchesReference(spec: Conv2DCase, withBias: Bool) throws {
        let input = Reference.tensor(spec.input, seed: 71)
        let weight = Reference.tensor(spec.weight, seed: 72)
        let bias = withBias ? Reference.tensor([spec.weight[0]], seed: 73) : nil
        let output = try conv2d(
            input, weight: weight, bias: bias, stride: spec.stride, padding: spec.padding, dilation: spec.dilation,
            groups: spec.groups)
        let expected = referenceConv2D(input, weight, bias, spec)
        #expect(output.count == expected.count)
        #expect(Reference.relativeError(output.scalars, expected) <= 1e-4)
    }

    @Test("a small im2col budget splits the output into column tiles with the same result", arguments: [1, 7, 64])
    func tiled(columns: Int) throws {
        let spec = Conv2DCase(name: "tiled", input: [2, 4, 9, 7], weight: [6, 2, 3, 3], padding: (1, 1), groups: 2)
        let input = Reference.tensor(spec.input, seed: 81)
        let weight = Reference.tensor(spec.weight, seed: 82)
        let bias = Reference.tensor([6], seed: 83)
        let output = try conv2d(
            input, weight: weight, bias: bias, stride: spec.stride, padding: spec.padding, dilation: spec.dilation,
            groups: spec.groups, columnBudget: columns * 2 * 9 * MemoryLayout<Float>.stride)
        #expect(Reference.relativeError(output.scalars, referenceConv2D(input, weight, bias, spec)) <= 1e-4)
    }

    @Test("output shape follows (H + 2p − d(k − 1) − 1) / s + 1")
    func outputShape() throws {
        let input = Tensor.zeros([3, 2, 17, 12])
        let weight = Tensor.zeros([5, 2, 3, 4])
        let output = try conv2d(input, weight: weight, bias: nil, stride: (2, 3), padding: (1, 2), dilation: (2, 1))
        // Height: (17 + 2 - 4 - 1) / 2 + 1 = 8; width: (12 + 4 - 3 - 1) / 3 + 1 = 5.
        #expect(output.shape == [3, 5, 8, 5])
        #expect(try conv2d(Tensor.zeros([0, 2, 5, 5]), weight: weight, bias: nil).shape == [0, 5, 3, 2])
    }

    @Test("shape errors name every shape")
    func shapeErrors() {
        let cases: [(Tensor, Tensor, Tensor?, Int, (Int, Int), String)] = [
            (
                .zeros([1, 3, 8, 8]), .zeros([4, 2, 3, 3]), nil, 1, (0, 0),
                "conv2d: shapes [1, 3, 8, 8], [4, 2, 3, 3]: weight expects 2 input channels per group but the input has 3 channels in 1 groups"
            ),
            (
                .zeros([1, 3, 8, 8]), .zeros([4, 1, 3, 3]), nil, 2, (0, 0),
                "conv2d: shapes [1, 3, 8, 8], [4, 1, 3, 3]: input channels 3 are not divisible by groups 2"
            ),
            (
                .zeros([1, 4, 8, 8]), .zeros([3, 2, 3, 3]), nil, 2, (0, 0),
                "conv2d: shapes [1, 4, 8, 8], [3, 2, 3, 3]: output channels 3 are not divisible by groups 2"
            ),
            (
                .zeros([1, 2, 2, 8]), .zeros([1, 2, 3, 3]), nil, 1, (0, 0),
                "conv2d: shapes [1, 2, 2, 8], [1, 2, 3, 3]: padded input 2×8 is smaller than the dilated kernel 3×3"
            ),
            (
                .zeros([1, 2, 4, 4]), .zeros([3, 2, 3, 3]), .zeros([2]), 1, (1, 1),
                "conv2d: shapes [1, 2, 4, 4], [3, 2, 3, 3], [2]: bias must be [3]"
            ),
            (
                .zeros([2, 4, 4]), .zeros([3, 2, 3, 3]), nil, 1, (0, 0),
                "conv2d: shapes [2, 4, 4], [3, 2, 3, 3]: input must be 4-D [N, Cin, H, W]"
            ),
            (
                .zeros([1, 2, 4, 4]), .zeros([3, 2, 3]), nil, 1, (0, 0),
                "conv2d: shapes [1, 2, 4, 4], [3, 2, 3]: weight must be 4-D [Cout, Cin/groups, kH, kW]"
            ),
            (
                .zeros([1, 2, 4, 4]), .zeros([3, 2, 3, 3]), nil, 0, (0, 0),
                "conv2d: shapes [1, 2, 4, 4], [3, 2, 3, 3]: groups 0 must be ≥ 1"
            ),
        ]
        for (input, weight, bias, groups, padding, message) in cases {
            #expect(throws: TensorError.self) {
                try conv2d(input, weight: weight, bias: bias, padding: padding, groups: groups)
            }
            do {
                _ = try conv2d(input, weight: weight, bias: bias, padding: padding, groups: groups)
            } catch {
                #expect(error.description == message)
            }
        }
        #expect(throws: TensorError.self) {
            try conv2d(.zeros([1, 2, 4, 4]), weight: .zeros([3, 2, 3, 3]), bias: nil, stride: (0, 1))
        }
        do {
            _ = try conv2d(.zeros([1, 2, 4, 4]), weight: .zeros([3, 2, 3, 3]), bias: nil, stride: (0, 1))
        } catch {
            #expect(
                error.description
                    == "conv2d: shapes [1, 2, 4, 4], [3, 2, 3, 3]: stride (0, 1) and dilation (1, 1) must be ≥ 1 and padding (0, 0) ≥ 0")
        }
    }
}
