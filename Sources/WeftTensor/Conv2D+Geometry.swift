/// The validated sizes of one `conv2d` call: operand shapes, stride, padding, dilation, groups and the output size.
struct Conv2DGeometry {
    /// The default limit of the im2col buffer, in bytes (16 MB). On the 320-channel 64×64 benchmark 8–32 MB ran alike,
    /// while 64 MB (one tile for the whole image) was markedly slower: the tile no longer stays in cache and every call
    /// page-faults a fresh 47 MB buffer.
    static let defaultColumnBudget = 16 << 20

    /// Images in the batch (N).
    var batch: Int
    /// Input channels (Cin), all groups together.
    var inChannels: Int
    /// Input height and width.
    var height: Int, width: Int
    /// Output channels (Cout), all groups together.
    var outChannels: Int
    /// Channel groups; both channel counts are multiples of it.
    var groups: Int
    /// Kernel height and width.
    var kernelHeight: Int, kernelWidth: Int
    /// Stride, padding and dilation as (height, width) pairs.
    var stride: (Int, Int), padding: (Int, Int), dilation: (Int, Int)
    /// Output height and width.
    var outHeight: Int, outWidth: Int

    /// Checks the operands against PyTorch's rules and derives the output size.
    /// - Throws: `TensorError.invalidShapes` (operation `conv2d`) naming every shape and what does not fit.
    init(
        input: [Int], weight: [Int], bias: [Int]?, stride: (Int, Int), padding: (Int, Int), dilation: (Int, Int),
        groups: Int
    ) throws(TensorError) {
        let shapes = [input, weight] + (bias.map { [$0] } ?? [])
        func failure(_ reason: String) -> TensorError {
            .invalidShapes(operation: "conv2d", shapes: shapes, reason: reason)
        }
        guard input.count == 4 else { throw failure("input must be 4-D [N, Cin, H, W]") }
        guard weight.count == 4 else { throw failure("weight must be 4-D [Cout, Cin/groups, kH, kW]") }
        guard stride.0 >= 1, stride.1 >= 1, dilation.0 >= 1, dilation.1 >= 1, padding.0 >= 0, padding.1 >= 0 else {
            throw failure("stride \(stride) and dilation \(dilation) must be ≥ 1 and padding \(padding) ≥ 0")
        }
        guard groups >= 1 else { throw failure("groups \(groups) must be ≥ 1") }
        let (inChannels, outChannels) = (input[1], weight[0])
        guard inChannels % groups == 0 else {
            throw failure("input channels \(inChannels) are not divisible by groups \(groups)")
        }
        guard outChannels % groups == 0 else {
            throw failure("output channels \(outChannels) are not divisible by groups \(groups)")
        }
        guard weight[1] == inChannels / groups else {
            throw failure(
                "weight expects \(weight[1]) input channels per group but the input has \(inChannels) channels in \(groups) groups")
        }
        guard weight[2] >= 1, weight[3] >= 1 else {
            throw failure("kernel \(weight[2])×\(weight[3]) must be at least 1×1")
        }
        if let bias, bias != [outChannels] {
            throw failure("bias must be [\(outChannels)]")
        }
        let paddedHeight = input[2] + 2 * padding.0
        let paddedWidth = input[3] + 2 * padding.1
        let spanHeight = dilation.0 * (weight[2] - 1) + 1
        let spanWidth = dilation.1 * (weight[3] - 1) + 1
        guard paddedHeight >= spanHeight, paddedWidth >= spanWidth else {
            throw failure(
                "padded input \(paddedHeight)×\(paddedWidth) is smaller than the dilated kernel \(spanHeight)×\(spanWidth)")
        }
        self.batch = input[0]
        self.inChannels = inChannels
        self.height = input[2]
        self.width = input[3]
        self.outChannels = outChannels
        self.groups = groups
        self.kernelHeight = weight[2]
        self.kernelWidth = weight[3]
        self.stride = stride
        self.padding = padding
        self.dilation = dilation
        self.outHeight = (paddedHeight - spanHeight) / stride.0 + 1
        self.outWidth = (paddedWidth - spanWidth) / stride.1 + 1
        guard [outChannels / groups, outHeight * outWidth, patchSize].allSatisfy({ $0 <= Int(Int32.max) }) else {
            throw failure("a dimension exceeds BLAS's 32-bit index range")
        }
    }

    /// The result's shape, `[N, Cout, Hout, Wout]`.
    var outputShape: [Int] { [batch, outChannels, outHeight, outWidth] }

    /// Input channels per group.
    var groupInChannels: Int { inChannels / groups }

    /// Output channels per group.
    var groupOutChannels: Int { outChannels / groups }

    /// Values one output position reads per group (`Cin/groups · kH · kW`): the GEMM's inner dimension.
    var patchSize: Int { groupInChannels * kernelHeight * kernelWidth }

    /// Whether the input itself is the im2col matrix: a 1×1 kernel with stride 1 and no padding.
    var isPointwise: Bool {
        kernelHeight == 1 && kernelWidth == 1 && stride == (1, 1) && padding == (0, 0)
    }

    /// Output positions lowered per im2col tile so the buffer stays within `budget` bytes (at least one).
    func tileColumns(budget: Int) -> Int {
        let plane = outHeight * outWidth
        return min(plane, max(1, budget / (MemoryLayout<Float>.stride * max(1, patchSize))))
    }
}
