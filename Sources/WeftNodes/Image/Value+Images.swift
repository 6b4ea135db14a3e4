public import WeftCore
public import WeftTensor

extension Value {
    /// An `IMAGE` value holding `tensor` (`[B, H, W, C]`).
    public static func image(_ tensor: Tensor) -> Value { .custom(ImageValue(tensor)) }

    /// A `MASK` value holding `tensor` (`[B, H, W]`).
    public static func mask(_ tensor: Tensor) -> Value { .custom(MaskValue(tensor)) }
}

extension NodeInputs {
    /// An `IMAGE` input's tensor, checked to be `[B, H, W, C]` with at least one image.
    /// - Throws: ``NodeInputError`` when the input is absent or not an image, ``ImageNodeError`` when its shape is wrong.
    public func image(_ name: String) throws -> Tensor {
        let tensor = try custom(name, as: ImageValue.self).tensor
        guard tensor.rank == 4, tensor.shape[0] > 0 else {
            throw ImageNodeError.badShape(input: name, shape: tensor.shape, expected: "[batch, height, width, channels]")
        }
        return tensor
    }

    /// A `MASK` input's tensor as `[B, H, W]` (a single `[H, W]` mask, as some nodes produce, gains the batch dimension).
    /// - Throws: ``NodeInputError`` when the input is absent or not a mask, ``ImageNodeError`` when its shape is wrong.
    public func mask(_ name: String) throws -> Tensor {
        let tensor = try custom(name, as: MaskValue.self).tensor
        switch tensor.rank {
        case 3: return tensor
        case 2: return try tensor.reshaped([1] + tensor.shape)
        default: throw ImageNodeError.badShape(input: name, shape: tensor.shape, expected: "[batch, height, width]")
        }
    }
}
