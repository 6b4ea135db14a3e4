import Foundation
public import WeftCore
import WeftRemote

/// `LoadImageFromURL` ("Load Image from URL", Weft only): downloads an http or https image and returns it as IMAGE
/// and its alpha as MASK, as LoadImage does for files.
///
/// Downloads are bounded: a size limit counted while reading, a time limit, and a redirect limit with every hop
/// checked (it must stay http/https). The answer must be an image (an `image/*` type, or image bytes under a
/// generic type) that decodes. The result is cached by URL and limits.
public struct LoadImageFromURL: Node {
    private let services: RemoteNodeServices

    /// The node; failed downloads are retried as `services` says.
    public init(services: RemoteNodeServices) {
        self.services = services
    }

    /// `url` and the download limits; outputs IMAGE and MASK.
    public var schema: NodeSchema {
        NodeSchema(
            className: "LoadImageFromURL",
            displayName: "Load Image from URL",
            category: "image",
            description: "Downloads an image over http or https, within size, time and redirect limits.",
            module: "weft.remote",
            inputs: [
                .string("url", default: ""),
                .float("max_megabytes", default: 50, min: 0.001, max: 1024, step: 1, tooltip: "Larger downloads are refused."),
                .float("timeout_seconds", default: 60, min: 1, max: 3600, step: 1, tooltip: "The longest the download may take."),
                .int("max_redirects", default: 5, min: 0, max: 20),
            ],
            outputs: [OutputSpec("IMAGE"), OutputSpec("MASK")],
            isAPINode: true
        )
    }

    /// Downloads and decodes the image.
    public func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        let url = try inputs.string("url").trimmingCharacters(in: .whitespaces)
        guard !url.isEmpty else { throw RemoteNodeError.emptyInput("url") }
        let limits = DownloadLimits(
            maxBytes: Int(try inputs.double("max_megabytes") * 1_000_000),
            timeout: .milliseconds(Int64(try inputs.double("timeout_seconds") * 1000)), maxRedirects: try inputs.int("max_redirects"))
        try context.reportProgress(0, of: 1)
        let download = try await ImageDownloader(limits: limits, retryPolicy: services.retryPolicy).download(url)
        let (image, mask) = try await DownloadedImageDecoding.imageAndMask(download.bytes, source: url)
        try context.reportProgress(1, of: 1)
        return NodeOutput(.image(image), .mask(mask))
    }
}
