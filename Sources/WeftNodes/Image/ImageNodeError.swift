/// Why an image node could not run. Each case names the input or file involved, so the node error a client sees
/// says what to fix.
public enum ImageNodeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An image or mask input has the wrong shape.
    case badShape(input: String, shape: [Int], expected: String)
    /// The named input file does not exist.
    case fileNotFound(input: String, name: String)
    /// The input file exists but could not be read or decoded.
    case unreadableFile(input: String, name: String, reason: String)
    /// The images of one call cannot be combined (different sizes or channel counts).
    case incompatibleImages(String)
    /// A size or count is outside what the node can produce.
    case invalidSize(String)

    /// One line for the node error.
    public var description: String {
        switch self {
        case .badShape(let input, let shape, let expected):
            "input '\(input)' has shape \(shape), expected \(expected)"
        case .fileNotFound(let input, let name):
            "input '\(input)': there is no file '\(name)'"
        case .unreadableFile(let input, let name, let reason):
            "input '\(input)': cannot read '\(name)': \(reason)"
        case .incompatibleImages(let reason), .invalidSize(let reason):
            reason
        }
    }
}
