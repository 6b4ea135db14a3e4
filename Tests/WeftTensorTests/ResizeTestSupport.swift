import Foundation
import Testing
import WeftTensor

/// The resize fixture written by PyTorch and Pillow (Fixtures/README.md): inputs named `input.<name>` and one output
/// per case named `<input>.<method>.<height>x<width>.<crop>`.
enum ResizeFixture {
    /// One reference output: which input, method, target size and crop mode made it.
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var input: String
        var method: UpscaleMethod
        var height: Int
        var width: Int
        var crop: CropMode

        var testDescription: String { name }

        /// Parses a tensor name of the fixture; nil for inputs.
        init?(_ name: String) {
            let parts = name.split(separator: ".").map(String.init)
            let size = parts.count == 4 ? parts[2].split(separator: "x").compactMap { Int($0) } : []
            guard size.count == 2, let method = UpscaleMethod(rawValue: parts[1]), let crop = CropMode(rawValue: parts[3]) else {
                return nil
            }
            (self.name, input, self.method, height, width, self.crop) = (name, parts[0], method, size[0], size[1], crop)
        }
    }

    /// Opens the fixture in place from the test bundle.
    static func open() throws -> SafetensorsFile {
        guard let url = Bundle.module.url(forResource: "resize", withExtension: "safetensors", subdirectory: "Fixtures") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try SafetensorsFile(path: url.path)
    }

    /// Every reference output in the fixture; empty when it cannot be opened (a separate test checks that it can).
    static let cases: [Case] = ((try? open())?.names ?? []).compactMap(Case.init)

    /// The tensor called `name`.
    static func tensor(_ file: SafetensorsFile, _ name: String) throws -> Tensor {
        try Tensor(shape: file.info(name).shape, values: file.floats(name))
    }
}

/// `x` with its channels moved from dimension 1 to the end (`[B, C, H, W]` → `[B, H, W, C]`), or back when `toLast` is
/// false, by plain index arithmetic.
func movingChannels(_ x: Tensor, toLast: Bool) -> Tensor {
    let s = x.shape
    let (batch, channels, height, width) = toLast ? (s[0], s[1], s[2], s[3]) : (s[0], s[3], s[1], s[2])
    var values = [Float](repeating: 0, count: x.count)
    for b in 0..<batch {
        for c in 0..<channels {
            for y in 0..<height {
                for i in 0..<width {
                    let first = ((b * channels + c) * height + y) * width + i
                    let last = ((b * height + y) * width + i) * channels + c
                    if toLast { values[last] = x.scalars[first] } else { values[first] = x.scalars[last] }
                }
            }
        }
    }
    return try! Tensor(shape: toLast ? [batch, height, width, channels] : [batch, channels, height, width], values: values)
}

/// The largest absolute element-wise difference, and how many elements differ by more than `slack`.
func resizeDifference(_ actual: Tensor, _ expected: Tensor, slack: Float = 1e-6) -> (largest: Float, differing: Int) {
    let differences = zip(actual.scalars, expected.scalars).map { abs($0 - $1) }
    return (differences.max() ?? 0, differences.filter { $0 > slack }.count)
}
