/// Why decoding, encoding or building an image failed: what was being done, a category, and a message in plain
/// English (the codec library's own where it gave one), e.g. `cannot decode PNG: IDAT: CRC error`.
public struct ImageCodecError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The category of a failure. New categories may be added later, so switch over it with a default.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String

        private init(_ name: String) {
            self.name = name
        }

        /// The bytes are not PNG, JPEG or WebP (or not the format an operation needs).
        public static let unrecognizedFormat = Code("unrecognized format")
        /// The data is damaged or breaks its format's rules.
        public static let corruptData = Code("corrupt data")
        /// The data ends before the image does.
        public static let truncatedData = Code("truncated data")
        /// The image is larger than allowed (pixel count, width or height).
        public static let tooLarge = Code("too large")
        /// Valid data that is not handled, such as an animated WebP.
        public static let unsupported = Code("unsupported")
        /// A parameter is out of range: quality, sizes, channel count, a text key.
        public static let invalidArgument = Code("invalid argument")
        /// Memory ran out.
        public static let outOfMemory = Code("out of memory")

        /// The category in words, such as `corrupt data`.
        public var description: String { name }
    }

    /// What failed, as a verb phrase: `decode PNG`, `encode WebP`, `read PNG text chunks`, `create an image` ….
    public var operation: String
    /// The category of the failure.
    public var code: Code
    /// What went wrong, in English.
    public var message: String

    /// Makes an error for `operation` (a verb phrase such as `decode PNG`).
    public init(_ code: Code, operation: String, message: String) {
        self.code = code
        self.operation = operation
        self.message = message
    }

    /// `cannot <operation>: <message>`.
    public var description: String { "cannot \(operation): \(message)" }
}
