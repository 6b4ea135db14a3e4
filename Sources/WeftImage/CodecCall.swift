import CImageCodecs

/// Runs CImageCodecs functions, which report failure as a status code plus a message written into a buffer we pass.
enum CodecCall {
    /// A failed call: the status and the message the C side wrote.
    struct Failure {
        var status: Int32
        var message: String

        /// The failure as the error to throw for `operation`.
        func error(_ operation: String) -> ImageCodecError {
            ImageCodecError(code, operation: operation, message: message.isEmpty ? "unknown failure" : message)
        }

        private var code: ImageCodecError.Code {
            switch status {
            case WIC_ERROR_TRUNCATED: .truncatedData
            case WIC_ERROR_UNSUPPORTED: .unsupported
            case WIC_ERROR_OUT_OF_MEMORY: .outOfMemory
            case WIC_ERROR_INVALID_ARGUMENT: .invalidArgument
            case WIC_ERROR_TOO_LARGE: .tooLarge
            default: .corruptData
            }
        }
    }

    /// Calls `body` with a message buffer and its capacity; returns nil when it reports `WIC_OK`.
    static func run(_ body: (UnsafeMutablePointer<CChar>, Int) -> Int32) -> Failure? {
        var buffer = [CChar](repeating: 0, count: Int(WIC_MESSAGE_CAPACITY))
        let status = buffer.withUnsafeMutableBufferPointer { body($0.baseAddress!, $0.count) }
        guard status != WIC_OK else {
            return nil
        }
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return Failure(status: status, message: String(decoding: bytes, as: UTF8.self))
    }

    /// Calls `body`, throwing its failure as an error for `operation`.
    static func check(_ operation: String, _ body: (UnsafeMutablePointer<CChar>, Int) -> Int32) throws(ImageCodecError) {
        if let failure = run(body) {
            throw failure.error(operation)
        }
    }

    /// Calls an encoder that returns a buffer allocated by CImageCodecs, copies it into an array and frees it.
    static func encode(
        _ operation: String,
        _ body: (UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>, UnsafeMutablePointer<Int>, UnsafeMutablePointer<CChar>, Int) -> Int32
    ) throws(ImageCodecError) -> [UInt8] {
        var output: UnsafeMutablePointer<UInt8>? = nil
        var size = 0
        defer { wic_free(output) }
        try check(operation) { message, capacity in body(&output, &size, message, capacity) }
        guard let output, size > 0 else {
            throw ImageCodecError(.unsupported, operation: operation, message: "the encoder produced no bytes")
        }
        return Array(UnsafeBufferPointer(start: output, count: size))
    }
}
