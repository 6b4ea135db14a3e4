import Foundation
import WeftTensor

/// torchsde's `BrownianTree` as ComfyUI builds it (entropy = the seed, tolerance 10⁻⁶, entropy pool of 24 words, no
/// Lévy area, float32 samples of one shape): a Brownian motion on [t0, t1] whose value over any interval depends only
/// on the entropy, not on which intervals were asked for before.
///
/// The motion's increment over the whole range is drawn first. Intervals are split at their (rounded) midpoints on
/// demand; a child's increment is drawn from the Brownian bridge given its parent's, with noise from a generator
/// seeded by the `SeedSequence` of the parent's place in the tree. A query is answered with the sum of the tree
/// intervals that tile it. Times are quantised to 10⁻⁶ as torchsde does.
struct BrownianTree {
    /// How many recent interval increments are kept (twice torchsde's default, as siblings are kept in pairs;
    /// results never depend on it).
    private static let cacheCapacity = 90
    private static let poolSize = 24

    /// One interval of the tree; `split` is set once it has children.
    private struct Node {
        let start: Double
        let end: Double
        let parent: Int?
        let isLeft: Bool
        /// The node's path from the root as bits (left 0, right 1) and its depth: its `SeedSequence` spawn key. (Paths
        /// deeper than 63 levels would need a range of more than 10¹³; they wrap rather than trap.)
        let spawnKey: UInt64
        let depth: UInt64
        var split: Split?
    }

    /// A node's children, the point between them and the seed of the bridge noise that divides its increment.
    private struct Split {
        let midway: Double
        let noiseSeed: UInt32
        let left: Int
        let right: Int
    }

    private let shape: [Int]
    private let entropy: UInt64
    private var nodes: [Node]
    private let rootIncrement: Tensor
    private var cache: [Int: Tensor] = [:]
    private var cacheOrder: [Int] = []

    /// The tree on [t0, t1] (t0 ≤ t1, both finite) for samples of `shape`.
    init(shape: [Int], from t0: Double, to t1: Double, entropy: UInt64) {
        self.shape = shape
        self.entropy = entropy
        nodes = [
            Node(
                start: MicroRounding.rounded(t0), end: MicroRounding.rounded(t1), parent: nil, isLeft: true, spawnKey: 0,
                depth: 0, split: nil)
        ]
        let seeds = SeedSequence(entropy: entropy, poolSize: Self.poolSize).generateState(1)
        var generator = TorchGenerator(seed: UInt64(seeds[0]))
        rootIncrement = generator.randn(shape) * Float((t1 - t0).squareRoot())
    }

    /// W(tb) − W(ta) for ta ≤ tb; times outside the tree's range are moved to its ends, as torchsde does.
    mutating func increment(from ta: Double, to tb: Double) throws(TensorError) -> Tensor {
        let range = nodes[0].start...nodes[0].end
        let first = MicroRounding.rounded(ta.clamped(to: range))
        let last = MicroRounding.rounded(tb.clamped(to: range))
        // torchsde returns zeros for equal times and does not terminate when only their rounded values are equal.
        guard first < last else { return Tensor.zeros(shape) }
        var pieces: [Int] = []
        collect(0, first, last, into: &pieces)
        var total = try increment(of: pieces[0])
        for piece in pieces.dropFirst() {
            total = try total + increment(of: piece)
        }
        return total
    }

    /// Appends to `pieces`, left to right, the tree intervals that tile [ta, tb] within `node`, splitting as needed.
    private mutating func collect(_ node: Int, _ ta: Double, _ tb: Double, into pieces: inout [Int]) {
        guard ta != nodes[node].start || tb != nodes[node].end, let split = splitIfNeeded(node) else {
            pieces.append(node)
            return
        }
        if tb <= split.midway {
            collect(split.left, ta, tb, into: &pieces)
        } else if ta >= split.midway {
            collect(split.right, ta, tb, into: &pieces)
        } else {
            collect(split.left, ta, split.midway, into: &pieces)
            collect(split.right, split.midway, tb, into: &pieces)
        }
    }

    /// The node's children, made at its rounded midpoint on first use; nil when that midpoint is not strictly inside
    /// (an interval one quantum wide, which no rounded query can divide).
    private mutating func splitIfNeeded(_ index: Int) -> Split? {
        if let split = nodes[index].split { return split }
        let node = nodes[index]
        let midway = MicroRounding.rounded(0.5 * (node.end + node.start))
        guard node.start < midway, midway < node.end else { return nil }
        let seeds = SeedSequence(entropy: entropy, spawnKey: [node.spawnKey, node.depth], poolSize: Self.poolSize)
        let children = [(node.start, midway, true), (midway, node.end, false)].map { start, end, isLeft in
            Node(
                start: start, end: end, parent: index, isLeft: isLeft, spawnKey: 2 &* node.spawnKey &+ (isLeft ? 0 : 1),
                depth: node.depth + 1, split: nil)
        }
        nodes += children
        let split = Split(midway: midway, noiseSeed: seeds.generateState(1)[0], left: nodes.count - 2, right: nodes.count - 1)
        nodes[index].split = split
        return split
    }

    /// The Brownian increment over a tree interval, from its parent's by the Brownian bridge. Both children of a
    /// parent come from the same draw, so both are cached together (recent ones only).
    private mutating func increment(of index: Int) throws(TensorError) -> Tensor {
        guard let parentIndex = nodes[index].parent, let split = nodes[parentIndex].split else { return rootIncrement }
        if let cached = cache[index] { return cached }
        let parentIncrement = try increment(of: parentIndex)
        let parent = nodes[parentIndex]
        let reciprocalLength = 1 / (parent.end - parent.start)
        let leftLength = split.midway - parent.start
        let rightLength = parent.end - split.midway
        // Given W over the parent, W over its left part is normal with mean (left/whole)·W and variance
        // left·right/whole; the right part is the remainder.
        var generator = TorchGenerator(seed: UInt64(split.noiseSeed))
        let mean = parentIncrement * Float(leftLength) * Float(reciprocalLength)
        let deviation = Float((leftLength * rightLength * reciprocalLength).squareRoot())
        let left = try mean + generator.randn(shape) * deviation
        let right = try parentIncrement - left
        remember(left, for: split.left)
        remember(right, for: split.right)
        return index == split.left ? left : right
    }

    /// Caches an interval's increment, dropping the oldest beyond the capacity.
    private mutating func remember(_ increment: Tensor, for index: Int) {
        if cacheOrder.count >= Self.cacheCapacity {
            cache[cacheOrder.removeFirst()] = nil
        }
        cache[index] = increment
        cacheOrder.append(index)
    }
}

extension Double {
    /// This value limited to `range`.
    fileprivate func clamped(to range: ClosedRange<Double>) -> Double {
        Swift.min(Swift.max(self, range.lowerBound), range.upperBound)
    }
}
