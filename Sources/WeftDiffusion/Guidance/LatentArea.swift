/// A rectangle of the latent, in latent cells (pixels / 8), that a conditioning entry applies to (ComfyUI's
/// `area` tuple: height, width, y, x).
public struct LatentArea: Equatable, Hashable, Sendable {
    /// Rows covered.
    public var height: Int
    /// Columns covered.
    public var width: Int
    /// First row.
    public var y: Int
    /// First column.
    public var x: Int

    /// The rectangle `height × width` at (`y`, `x`).
    public init(height: Int, width: Int, y: Int, x: Int) {
        self.height = height
        self.width = width
        self.y = y
        self.x = x
    }

    /// The part of this area inside a `latentHeight × latentWidth` latent, as ComfyUI's slicing clamps it; nil when
    /// nothing of it is inside.
    func clamped(toHeight latentHeight: Int, width latentWidth: Int) -> LatentArea? {
        let top = min(max(y, 0), latentHeight)
        let left = min(max(x, 0), latentWidth)
        let bottom = min(max(y + height, top), latentHeight)
        let right = min(max(x + width, left), latentWidth)
        guard bottom > top, right > left else { return nil }
        return LatentArea(height: bottom - top, width: right - left, y: top, x: left)
    }

    /// Whether `other` lies entirely inside this area.
    func contains(_ other: LatentArea) -> Bool {
        other.y >= y && other.x >= x && y + height >= other.y + other.height && x + width >= other.x + other.width
    }
}
