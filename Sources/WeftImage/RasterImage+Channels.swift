extension RasterImage {
    /// The same pixels as RGBA: gray is copied to R, G and B, and alpha is 255 where the image has none.
    public func rgba() -> RasterImage {
        switch channels {
        case 1:
            converted(to: 4) { source, target, count in
                for i in 0..<count {
                    let gray = source[i]
                    target[4 * i] = gray
                    target[4 * i + 1] = gray
                    target[4 * i + 2] = gray
                    target[4 * i + 3] = 255
                }
            }
        case 2:
            converted(to: 4) { source, target, count in
                for i in 0..<count {
                    let gray = source[2 * i]
                    target[4 * i] = gray
                    target[4 * i + 1] = gray
                    target[4 * i + 2] = gray
                    target[4 * i + 3] = source[2 * i + 1]
                }
            }
        case 3:
            converted(to: 4) { source, target, count in
                for i in 0..<count {
                    target[4 * i] = source[3 * i]
                    target[4 * i + 1] = source[3 * i + 1]
                    target[4 * i + 2] = source[3 * i + 2]
                    target[4 * i + 3] = 255
                }
            }
        default:
            self
        }
    }

    /// The same pixels as RGB: alpha dropped (not blended), gray copied to R, G and B.
    public func rgb() -> RasterImage {
        switch channels {
        case 1, 2:
            converted(to: 3) { [channels] source, target, count in
                for i in 0..<count {
                    let gray = source[channels * i]
                    target[3 * i] = gray
                    target[3 * i + 1] = gray
                    target[3 * i + 2] = gray
                }
            }
        case 4:
            converted(to: 3) { source, target, count in
                for i in 0..<count {
                    target[3 * i] = source[4 * i]
                    target[3 * i + 1] = source[4 * i + 1]
                    target[3 * i + 2] = source[4 * i + 2]
                }
            }
        default:
            self
        }
    }

    /// The alpha channel as an RGBA image whose RGB is black and whose alpha is this image's alpha (255 when it has
    /// none), as ComfyUI's `/view?channel=a` returns it.
    public func alphaOnly() -> RasterImage {
        converted(to: 4) { [channels, hasAlpha] source, target, count in
            for i in 0..<count {
                target[4 * i] = 0
                target[4 * i + 1] = 0
                target[4 * i + 2] = 0
                target[4 * i + 3] = hasAlpha ? source[channels * i + channels - 1] : 255
            }
        }
    }

    /// This image as RGBA with its alpha replaced by `mask`'s alpha channel (255 where `mask` has none), as
    /// ComfyUI's `/upload/mask` merges an uploaded mask into the original picture.
    /// - Throws: ``ImageCodecError`` (`invalidArgument`) when `mask` is not the same size as this image.
    public func replacingAlpha(with mask: RasterImage) throws(ImageCodecError) -> RasterImage {
        guard mask.width == width, mask.height == height else {
            throw ImageCodecError(
                .invalidArgument, operation: "replace alpha",
                message: "the mask is \(mask.width) x \(mask.height) but the image is \(width) x \(height)")
        }
        var result = rgba()
        let maskChannels = mask.channels
        let maskHasAlpha = mask.hasAlpha
        result.pixels.withUnsafeMutableBufferPointer { target in
            mask.pixels.withUnsafeBufferPointer { source in
                for i in 0..<(width * height) {
                    target[4 * i + 3] = maskHasAlpha ? source[maskChannels * i + maskChannels - 1] : 255
                }
            }
        }
        return result
    }

    /// The image without its alpha channel: gray+alpha becomes gray, RGBA becomes RGB, others are unchanged.
    func droppingAlpha() -> RasterImage {
        switch channels {
        case 2:
            converted(to: 1) { source, target, count in
                for i in 0..<count {
                    target[i] = source[2 * i]
                }
            }
        case 4:
            rgb()
        default:
            self
        }
    }

    /// A new image with `targetChannels` channels whose pixels `convert` writes from this image's pixels; `convert`
    /// gets the source, the uninitialised target and the pixel count, and must write every target byte.
    private func converted(
        to targetChannels: Int,
        _ convert: (UnsafeBufferPointer<UInt8>, UnsafeMutableBufferPointer<UInt8>, Int) -> Void
    ) -> RasterImage {
        let count = width * height
        let result = [UInt8](unsafeUninitializedCapacity: count * targetChannels) { target, initialized in
            pixels.withUnsafeBufferPointer { source in convert(source, target, count) }
            initialized = count * targetChannels
        }
        return RasterImage(unchecked: width, height: height, channels: targetChannels, pixels: result)
    }
}
