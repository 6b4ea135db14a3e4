import CImageCodecs

extension RasterImage {
    /// The image turned upright for an EXIF orientation (see ``ExifOrientation``); 1 or an unknown value returns
    /// the image unchanged. Orientations 5...8 swap width and height.
    public func applyingOrientation(_ orientation: Int) -> RasterImage {
        guard (2...8).contains(orientation) else { return self }
        let swaps = orientation >= 5
        var turned = [UInt8](repeating: 0, count: pixels.count)
        pixels.withUnsafeBufferPointer { source in
            turned.withUnsafeMutableBufferPointer { target in
                wic_reorient(source.baseAddress, width, height, channels, Int32(orientation), target.baseAddress)
            }
        }
        return RasterImage(unchecked: swaps ? height : width, height: swaps ? width : height, channels: channels, pixels: turned)
    }
}
