import Testing
import WeftTensor

@Suite("element-wise operations with broadcasting")
struct BroadcastTests {
    @Test("same-shape arithmetic, worked by hand")
    func sameShape() throws {
        let a = try Tensor(shape: [2, 2], values: [1, 2, 3, 4])
        let b = try Tensor(shape: [2, 2], values: [4, -2, 0.5, 8])
        #expect(try add(a, b).scalars == [5, 0, 3.5, 12])
        #expect(try subtract(a, b).scalars == [-3, 4, 2.5, -4])
        #expect(try multiply(a, b).scalars == [4, -4, 1.5, 32])
        #expect(try divide(a, b).scalars == [0.25, -1, 6, 0.5])
        #expect(try maximum(a, b).scalars == [4, 2, 3, 8])
        #expect(try minimum(a, b).scalars == [1, -2, 0.5, 4])
        #expect(try (a + b) == add(a, b))
        #expect(try (a - b) == subtract(a, b))
        #expect(try (a * b) == multiply(a, b))
        #expect(try (a / b) == divide(a, b))
    }

    @Test("a bias [C] onto [N, C], channels [B, C, 1, 1] onto [B, C, H, W], and an outer product")
    func broadcastShapes() throws {
        let rows = try Tensor(shape: [2, 3], values: [1, 2, 3, 4, 5, 6])
        let bias = try Tensor(shape: [3], values: [10, 20, 30])
        #expect(try rows + bias == Tensor(shape: [2, 3], values: [11, 22, 33, 14, 25, 36]))
        #expect(try bias - rows == Tensor(shape: [2, 3], values: [9, 18, 27, 6, 15, 24]))

        let image = countingTensor([2, 2, 1, 3])
        let channels = try Tensor(shape: [2, 2, 1, 1], values: [1, 10, 100, 1000])
        let scaled = try image * channels
        #expect(scaled.shape == [2, 2, 1, 3])
        #expect(scaled.scalars == [0, 1, 2, 30, 40, 50, 600, 700, 800, 9000, 10000, 11000])

        let column = try Tensor(shape: [3, 1], values: [1, 2, 3])
        let row = try Tensor(shape: [1, 2], values: [10, 20])
        #expect(try column * row == Tensor(shape: [3, 2], values: [10, 20, 20, 40, 30, 60]))
        #expect(try row - column == Tensor(shape: [3, 2], values: [9, 19, 8, 18, 7, 17]))

        let leading = try Tensor(shape: [2], values: [1, -1])
        #expect(try (countingTensor([2, 2, 2]) * leading).scalars == [0, -1, 2, -3, 4, -5, 6, -7])
    }

    @Test("tensor–scalar operators and one-element operands")
    func scalars() throws {
        let x = try Tensor(shape: [3], values: [1, 2, 4])
        #expect((x + 1).scalars == [2, 3, 5])
        #expect((x - 1).scalars == [0, 1, 3])
        #expect((x * 2).scalars == [2, 4, 8])
        #expect((x / 2).scalars == [0.5, 1, 2])
        #expect((1 + x).scalars == [2, 3, 5])
        #expect((1 - x).scalars == [0, -1, -3])
        #expect((2 * x).scalars == [2, 4, 8])
        #expect((4 / x).scalars == [4, 2, 1])
        let three = Tensor(shape: [], repeating: 3)
        #expect(try add(x, three).scalars == [4, 5, 7])
        #expect(try subtract(three, x).scalars == [2, 1, -1])
        let sum = try three + three
        #expect(sum.shape == [] && sum.scalars == [6])
        let one = try Tensor(shape: [1, 1], values: [10])
        #expect(try (x * one) == Tensor(shape: [1, 3], values: [10, 20, 40]))
    }

    @Test("maximum and minimum propagate NaN; division by zero follows IEEE")
    func specialValues() throws {
        let a = try Tensor(shape: [4], values: [.nan, 1, -0.5, 3])
        let b = try Tensor(shape: [4], values: [0, .nan, -1, 3])
        let larger = try maximum(a, b).scalars
        let smaller = try minimum(a, b).scalars
        #expect(larger[0].isNaN && larger[1].isNaN && larger[2] == -0.5 && larger[3] == 3)
        #expect(smaller[0].isNaN && smaller[1].isNaN && smaller[2] == -1 && smaller[3] == 3)
        let quotients = (try Tensor(shape: [3], values: [1, -1, 0]) / 0).scalars
        #expect(quotients[0] == .infinity && quotients[1] == -.infinity && quotients[2].isNaN)
    }

    @Test("clamp bounds each element, keeps NaN, and gives the upper bound when the bounds cross")
    func clamping() throws {
        let x = try Tensor(shape: [2, 3], values: [-2, -0.5, 0, 0.5, 2, .nan])
        let clamped = clamp(x, min: -1, max: 1)
        #expect(clamped.shape == [2, 3])
        #expect(Array(clamped.scalars.prefix(5)) == [-1, -0.5, 0, 0.5, 1])
        #expect(clamped.scalars[5].isNaN)
        #expect(Array(clamp(x, min: 0).scalars.prefix(5)) == [0, 0, 0, 0.5, 2])
        #expect(Array(clamp(x, max: 0).scalars.prefix(5)) == [-2, -0.5, 0, 0, 0])
        #expect(Array(clamp(x, min: 1, max: -1).scalars.prefix(5)) == [-1, -1, -1, -1, -1])
        #expect(clamp(Tensor.zeros([0, 2]), min: 0, max: 1).shape == [0, 2])
    }

    @Test("in-place operators write into unshared storage and leave a sharing copy alone")
    func inPlace() throws {
        var x = try Tensor(shape: [2, 3], values: [1, 2, 3, 4, 5, 6])
        let storage = x.withUnsafeBufferPointer { $0.baseAddress }
        try x += Tensor(shape: [3], values: [10, 20, 30])
        #expect(x.scalars == [11, 22, 33, 14, 25, 36])
        #expect(x.withUnsafeBufferPointer { $0.baseAddress } == storage)
        try x -= Tensor(shape: [2, 1], values: [1, 4])
        try x *= Tensor(shape: [], repeating: 2)
        try x /= Tensor(shape: [1, 3], values: [1, 2, 4])
        #expect(x.scalars == [20, 21, 16, 20, 21, 16])
        x += 1
        x -= 2
        x *= 3
        x /= 6
        #expect(x.scalars == [9.5, 10, 7.5, 9.5, 10, 7.5])
        #expect(x.withUnsafeBufferPointer { $0.baseAddress } == storage)

        let original = x
        try x += x
        #expect(x.scalars == [19, 20, 15, 19, 20, 15])
        #expect(original.scalars == [9.5, 10, 7.5, 9.5, 10, 7.5])
    }

    @Test("an in-place operand that would grow the left side is refused and changes nothing")
    func inPlaceShapeError() throws {
        var x = try Tensor(shape: [3], values: [1, 2, 3])
        let wide = Tensor.zeros([2, 3])
        #expect(
            tensorErrorDescription { try x += wide } == "add in place: shapes [3], [2, 3]: the result would be [2, 3], not the left operand's shape")
        #expect(
            tensorErrorDescription { try x *= Tensor.zeros([4]) }
                == "multiply in place: shapes [3], [4]: sizes 3 and 4 at dimension -1 differ and neither is 1, so they do not broadcast")
        #expect(x.scalars == [1, 2, 3])
    }

    @Test("shapes that do not broadcast are refused, naming the operation and both shapes")
    func shapeErrors() {
        let a = Tensor.zeros([2, 3])
        let b = Tensor.zeros([4])
        let reason = "sizes 3 and 4 at dimension -1 differ and neither is 1, so they do not broadcast"
        #expect(tensorErrorDescription { try add(a, b) } == "add: shapes [2, 3], [4]: " + reason)
        #expect(tensorErrorDescription { try subtract(a, b) } == "subtract: shapes [2, 3], [4]: " + reason)
        #expect(tensorErrorDescription { try multiply(a, b) } == "multiply: shapes [2, 3], [4]: " + reason)
        #expect(tensorErrorDescription { try divide(a, b) } == "divide: shapes [2, 3], [4]: " + reason)
        #expect(tensorErrorDescription { try maximum(a, b) } == "maximum: shapes [2, 3], [4]: " + reason)
        #expect(tensorErrorDescription { try minimum(a, b) } == "minimum: shapes [2, 3], [4]: " + reason)
        #expect(tensorErrorDescription { try a / b } == "divide: shapes [2, 3], [4]: " + reason)
        #expect(
            tensorErrorDescription { try Tensor.zeros([2, 3, 4]) + Tensor.zeros([5, 1, 4]) }
                == "add: shapes [2, 3, 4], [5, 1, 4]: sizes 2 and 5 at dimension -3 differ and neither is 1, so they do not broadcast")
        #expect(
            throws: TensorError.invalidShapes(
                operation: "add", shapes: [[0], [2]], reason: "sizes 0 and 2 at dimension -1 differ and neither is 1, so they do not broadcast")
        ) {
            try Tensor.zeros([0]) + Tensor.zeros([2])
        }
    }

    @Test("empty operands give empty results of the broadcast shape")
    func emptyOperands() throws {
        #expect(try (Tensor.zeros([0, 3]) + Tensor.zeros([3])).shape == [0, 3])
        #expect(try (Tensor.zeros([1]) * Tensor.zeros([0])).shape == [0])
        #expect(try (Tensor.zeros([2, 0]) - Tensor.zeros([2, 1])).shape == [2, 0])
        #expect((Tensor.zeros([0]) + 1).shape == [0])
        var empty = Tensor.zeros([0, 2])
        try empty += Tensor.zeros([2])
        #expect(empty.shape == [0, 2])
    }

    @Test(
        "large broadcasts split across cores match index arithmetic",
        arguments: [
            ([3, 97, 301], [97, 1]), ([3, 97, 301], [1, 301]), ([3, 97, 301], [3, 1, 1]), ([3, 1, 301], [97, 1]),
            ([3, 97, 301], [3, 97, 301]), ([3, 97, 301], []),
        ])
    func largeBroadcast(aShape: [Int], bShape: [Int]) throws {
        let a = Reference.tensor(aShape, seed: 5)
        let b = try Tensor(shape: bShape, values: Reference.values(bShape.reduce(1, *), seed: 6).map { $0 + 2 })
        // Each operand's strides over the result [3, 97, 301], with 0 where it is broadcast.
        func strides(_ tensor: Tensor) -> [Int] {
            let own = [Int](repeating: 1, count: 3 - tensor.rank) + tensor.shape
            let packed = [own[1] * own[2], own[2], 1]
            return (0..<3).map { own[$0] == 1 ? 0 : packed[$0] }
        }
        let (aStrides, bStrides) = (strides(a), strides(b))
        var pairs: [(Float, Float)] = []
        for i in 0..<3 {
            for j in 0..<97 {
                for k in 0..<301 {
                    let aIndex = i * aStrides[0] + j * aStrides[1] + k * aStrides[2]
                    let bIndex = i * bStrides[0] + j * bStrides[1] + k * bStrides[2]
                    pairs.append((a.scalars[aIndex], b.scalars[bIndex]))
                }
            }
        }
        #expect(try (a + b).scalars == pairs.map { $0 + $1 })
        #expect(try (a / b).scalars == pairs.map { $0 / $1 })
        #expect(try maximum(a, b).scalars == pairs.map { max($0, $1) })
        if a.shape == [3, 97, 301] {
            var inPlace = a
            try inPlace -= b
            #expect(inPlace.scalars == pairs.map { $0 - $1 })
        }
    }
}
