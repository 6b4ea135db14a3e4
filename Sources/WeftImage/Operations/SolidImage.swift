public import WeftTensor

/// Images and masks of one value: ComfyUI's EmptyImage and SolidMask.
public enum SolidImage {
    /// EmptyImage: `[batch, height, width, 3]` filled with the colour `0xRRGGBB`, each channel `byte / 255`.
    /// - Throws: `TensorError.invalidShapes` when a size is below 1 or the element count overflows.
    public static func filled(width: Int, height: Int, batch: Int, color: Int) throws(TensorError) -> Tensor {
        let shape = [batch, height, width, 3]
        try checkSize(shape, operation: "EmptyImage")
        // Divided in double and then rounded to float, as Python computes `byte / 0xFF` before filling a float32 tensor.
        let rgb: [Float] = [16, 8, 0].map { (shift: Int) -> Float in Float(Double((color >> shift) & 0xFF) / 255) }
        var image = Tensor.zeros(shape)
        image.withUnsafeMutableBufferPointer { values in
            for index in 0..<(values.count / 3) {
                values[3 * index] = rgb[0]
                values[3 * index + 1] = rgb[1]
                values[3 * index + 2] = rgb[2]
            }
        }
        return image
    }

    /// SolidMask: `[1, height, width]` filled with `value`.
    /// - Throws: `TensorError.invalidShapes` when a size is below 1 or the element count overflows.
    public static func mask(value: Float, width: Int, height: Int) throws(TensorError) -> Tensor {
        let shape = [1, height, width]
        try checkSize(shape, operation: "SolidMask")
        return Tensor(shape: shape, repeating: value)
    }

    /// Every dimension at least 1 and the element count within 2^31, so a hostile size cannot exhaust memory.
    private static func checkSize(_ shape: [Int], operation: String) throws(TensorError) {
        guard shape.allSatisfy({ $0 >= 1 }) else {
            throw .invalidShapes(operation: operation, shapes: [shape], reason: "every size must be at least 1")
        }
        var count = 1
        for size in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: size)
            guard !overflow, product <= 1 << 31 else {
                throw .invalidShapes(operation: operation, shapes: [shape], reason: "more than 2^31 elements")
            }
            count = product
        }
    }
}
