import Testing
import WeftCore
import WeftNodes

@Suite struct FloatMathTests {
    @Test func everyOperationThroughTheNode() async throws {
        let cases: [(String, Double)] = [
            ("add", 9.5), ("subtract", 5.5), ("multiply", 15), ("divide", 3.75), ("modulo", 1.5),
            ("power", 56.25), ("min", 2), ("max", 7.5),
        ]
        for (operation, expected) in cases {
            let output = try await run(FloatMath(), ["a": .double(7.5), "b": .double(2), "operation": .string(operation)])
            #expect(firstValue(output) == .double(expected), "\(operation)")
        }
    }

    @Test func acceptsIntegerInputs() async throws {
        let output = try await run(FloatMath(), ["a": .int(1), "b": .int(4), "operation": .string("divide")])
        #expect(firstValue(output) == .double(0.25))
    }

    @Test func moduloTakesTheDivisorsSign() {
        #expect(FloatMath.apply(.modulo, -7.5, 2) == 0.5)
        #expect(FloatMath.apply(.modulo, 7.5, -2) == -0.5)
        #expect(FloatMath.apply(.modulo, -7.5, -2) == -1.5)
        #expect(FloatMath.apply(.modulo, -4, 2).sign == .plus)
        #expect(FloatMath.apply(.modulo, 4, -2).sign == .minus)
    }

    @Test func divisionByZeroFollowsIEEE() {
        #expect(FloatMath.apply(.divide, 1, 0) == .infinity)
        #expect(FloatMath.apply(.divide, -1, 0) == -.infinity)
        #expect(FloatMath.apply(.divide, 0, 0).isNaN)
        #expect(FloatMath.apply(.modulo, 1, 0).isNaN)
        #expect(FloatMath.apply(.power, 10, 400) == .infinity)
    }

    @Test func powerTakesFractionalExponents() {
        #expect(FloatMath.apply(.power, 9, 0.5) == 3)
        #expect(FloatMath.apply(.power, 2, -2) == 0.25)
    }
}
