import WeftCore

/// ComfyUI's binary WebSocket frames for previews: a 4-byte big-endian event type, then the payload.
enum PreviewFrame {
    /// PREVIEW_IMAGE (1): the image format (1 JPEG, 2 PNG) and the encoded bytes.
    static func plain(_ image: PreviewImage) -> [UInt8] {
        bigEndian(1) + bigEndian(image.format.rawValue) + image.bytes
    }

    /// PREVIEW_IMAGE_WITH_METADATA (4): the length of the metadata JSON, the JSON, then the encoded bytes.
    static func withMetadata(_ image: PreviewImage, metadata: JSONValue) -> [UInt8] {
        let json = Array(metadata.serialized().utf8)
        return bigEndian(4) + bigEndian(UInt32(json.count)) + json + image.bytes
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }
}
