import Foundation

/// The target sizes of ComfyUI's image-scaling nodes, rounded as Python's `round` does (half to even), so a node
/// gives the same size as ComfyUI for the same inputs.
public enum ImageSizing {
    /// ImageScale's size: both given → as given; one of them 0 → the other scaled to keep the aspect ratio (at least
    /// 1); both 0 → nil, meaning "leave the image as it is".
    public static func scale(width: Int, height: Int, sourceWidth: Int, sourceHeight: Int) -> (width: Int, height: Int)? {
        switch (width, height) {
        case (0, 0): nil
        case (0, _): (max(1, pythonRound(Double(sourceWidth) * Double(height) / Double(sourceHeight))), height)
        case (_, 0): (width, max(1, pythonRound(Double(sourceHeight) * Double(width) / Double(sourceWidth))))
        default: (width, height)
        }
    }

    /// ImageScaleBy's size: each side times `factor`, rounded.
    public static func scale(by factor: Double, sourceWidth: Int, sourceHeight: Int) -> (width: Int, height: Int) {
        (pythonRound(Double(sourceWidth) * factor), pythonRound(Double(sourceHeight) * factor))
    }

    /// ImageScaleToTotalPixels' size: the aspect ratio kept, the area `int(megapixels * 1024 * 1024)` pixels, each
    /// side rounded to a multiple of `steps` (1 keeps ComfyUI's original rule).
    public static func scale(toMegapixels megapixels: Double, steps: Int = 1, sourceWidth: Int, sourceHeight: Int) -> (width: Int, height: Int) {
        let total = (megapixels * 1024 * 1024).rounded(.towardZero)
        let factor = (total / (Double(sourceWidth) * Double(sourceHeight))).squareRoot()
        let step = Double(max(1, steps))
        return (pythonRound(Double(sourceWidth) * factor / step) * Int(step), pythonRound(Double(sourceHeight) * factor / step) * Int(step))
    }

    /// Python's `round(x)` for a float: to the nearest integer, halves to even; values beyond `Int` saturate.
    static func pythonRound(_ value: Double) -> Int {
        let rounded = value.rounded(.toNearestOrEven)
        guard rounded.isFinite else { return rounded > 0 ? Int.max : 0 }
        return rounded >= Double(Int.max) ? Int.max : Int(rounded)
    }
}
