import Foundation
import HTTPTypes
import NIOPosix
import WeftImage

/// What `/view`'s `preview` and `channel` parameters ask for, and how to make it from the file's bytes: ComfyUI's
/// rules, where `preview=webp;80` or `jpeg;90` re-encodes (quality 90 by default), `channel=rgb` drops alpha,
/// `channel=a` keeps only alpha (as black RGB with that alpha), and asking for alpha in a preview forces WebP, the one
/// preview format that keeps it.
struct ImageRendition: Equatable {
    enum Channel: String {
        case rgba, rgb, a
    }

    enum Encoding: Equatable {
        case png
        case jpeg(quality: Int)
        case webp(quality: Int)
    }

    var channel: Channel
    var encoding: Encoding

    /// The rendition a request asks for, or nil when it wants the file as stored.
    static func requested(preview: String?, channel: String?) throws -> ImageRendition? {
        let channelValue = channel?.lowercased() ?? "rgba"
        guard let parsedChannel = Channel(rawValue: channelValue) else {
            throw APIError.badRequest("invalid_parameter", "channel takes rgba, rgb or a.", details: "channel=\(channelValue)")
        }
        guard let preview, !preview.isEmpty else {
            return parsedChannel == .rgba ? nil : ImageRendition(channel: parsedChannel, encoding: .png)
        }
        let parts = preview.split(separator: ";", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var quality = 90
        if parts.count == 2 {
            guard let value = Int(parts[1]), (1...100).contains(value) else {
                throw APIError.badRequest("invalid_parameter", "The preview quality is a whole number from 1 to 100.", details: "preview=\(preview)")
            }
            quality = value
        }
        let encoding: Encoding = parts[0] == "jpeg" && parsedChannel != .a ? .jpeg(quality: quality) : .webp(quality: quality)
        return ImageRendition(channel: parsedChannel, encoding: encoding)
    }

    /// The largest file `/view` re-encodes.
    static let largestFile = 256 << 20

    /// The re-encoded image and its Content-Type, made on NIO's thread pool (reading, decoding and encoding are
    /// blocking CPU work that must not hold up the cooperative pool).
    func render(fileAt url: URL, name: String) async throws -> (bytes: [UInt8], contentType: String) {
        try await NIOThreadPool.singleton.runIfActive {
            let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
            guard size <= Self.largestFile else {
                throw APIError(.contentTooLarge, type: "image_too_large", message: "\(name) is too large to re-encode.", details: "\(size) bytes")
            }
            let image: RasterImage
            do {
                image = try ImageDecoder.decode(Array(try Data(contentsOf: url)))
            } catch {
                throw APIError.badRequest("not_an_image", "\(name) cannot be read as an image.", details: "\(error)")
            }
            let converted =
                switch channel {
                case .rgba: image
                case .rgb: image.rgb()
                case .a: image.alphaOnly()
                }
            switch encoding {
            case .png: return (try ImageEncoder.png(converted), "image/png")
            case .jpeg(let quality): return (try ImageEncoder.jpeg(converted, quality: quality), "image/jpeg")
            case .webp(let quality): return (try ImageEncoder.webp(converted, quality: quality), "image/webp")
            }
        }
    }
}
