import Testing
import WeftCore
import WeftNodes

@Suite struct IntMathTests {
    private func compute(_ a: Int128, _ operation: String, _ b: Int128) async throws -> JSONValue? {
        firstValue(try await run(IntMath(), ["a": .int(a), "b": .int(b), "operation": .string(operation)]))
    }

    @Test func everyOperationThroughTheNode() async throws {
        #expect(try await compute(7, "add", 3) == .integer(10))
        #expect(try await compute(7, "subtract", 10) == .integer(-3))
        #expect(try await compute(7, "multiply", -3) == .integer(-21))
        #expect(try await compute(7, "divide", 2) == .integer(3))
        #expect(try await compute(7, "modulo", 3) == .integer(1))
        #expect(try await compute(2, "power", 10) == .integer(1024))
        #expect(try await compute(7, "min", -3) == .integer(-3))
        #expect(try await compute(7, "max", -3) == .integer(7))
    }

    @Test(arguments: [
        (Int128(7), Int128(2), Int128(3)), (-7, 2, -4), (7, -2, -4), (-7, -2, 3),
        (6, 3, 2), (-6, 3, -2), (0, -5, 0), (-1, 10, -1),
    ])
    func divideIsFloorDivision(a: Int128, b: Int128, expected: Int128) throws {
        #expect(try IntMath.apply(.divide, a, b) == expected)
    }

    @Test(arguments: [
        (Int128(7), Int128(3), Int128(1)), (-7, 3, 2), (7, -3, -2), (-7, -3, -1),
        (6, 3, 0), (-6, 3, 0), (-1, 10, 9), (Int128.min, -1, 0),
    ])
    func moduloTakesTheDivisorsSign(a: Int128, b: Int128, expected: Int128) throws {
        #expect(try IntMath.apply(.modulo, a, b) == expected)
    }

    @Test func powerEdgeCases() throws {
        #expect(try IntMath.apply(.power, 0, 0) == 1)
        #expect(try IntMath.apply(.power, -2, 3) == -8)
        #expect(try IntMath.apply(.power, -2, 4) == 16)
        #expect(try IntMath.apply(.power, 5, 1) == 5)
        #expect(try IntMath.apply(.power, 2, 126) == Int128(1) << 126)
        #expect(try IntMath.apply(.power, -2, 127) == Int128.min)
        #expect(try IntMath.apply(.power, 1, Int128(Int64.max)) == 1)
    }

    @Test func overflowsAreErrors() {
        #expect(throws: MathNodeError.overflow(.add, .max, 1)) { try IntMath.apply(.add, .max, 1) }
        #expect(throws: MathNodeError.overflow(.subtract, .min, 1)) { try IntMath.apply(.subtract, .min, 1) }
        #expect(throws: MathNodeError.overflow(.multiply, .max, 2)) { try IntMath.apply(.multiply, .max, 2) }
        #expect(throws: MathNodeError.overflow(.divide, .min, -1)) { try IntMath.apply(.divide, .min, -1) }
        #expect(throws: MathNodeError.overflow(.power, 2, 127)) { try IntMath.apply(.power, 2, 127) }
        #expect(throws: MathNodeError.overflow(.power, 10, 39)) { try IntMath.apply(.power, 10, 39) }
    }

    @Test func zeroDivisorsAndNegativePowersAreErrors() {
        #expect(throws: MathNodeError.divisionByZero) { try IntMath.apply(.divide, 5, 0) }
        #expect(throws: MathNodeError.moduloByZero) { try IntMath.apply(.modulo, 5, 0) }
        #expect(throws: MathNodeError.negativeExponent(-1)) { try IntMath.apply(.power, 2, -1) }
    }

    @Test func errorsHaveClearMessages() {
        #expect(MathNodeError.divisionByZero.description == "integer division by zero")
        #expect(MathNodeError.moduloByZero.description == "integer modulo by zero")
        #expect(MathNodeError.overflow(.add, 1, 2).description.contains("add of 1 and 2"))
        #expect(MathNodeError.negativeExponent(-3).description.contains("-3"))
    }

    @Test func nodeReportsErrorsAndUnknownOperations() async {
        await #expect(throws: MathNodeError.divisionByZero) { try await compute(1, "divide", 0) }
        await #expect(throws: MathNodeError.unknownOperation("xor")) { try await compute(1, "xor", 0) }
    }

    @Test func schemaListsTheOperations() {
        let schema = IntMath().schema
        #expect(schema.className == "IntMath")
        #expect(schema.displayName == "Int Math")
        #expect(schema.inputs.map(\.name) == ["a", "b", "operation"])
        #expect(schema.input(named: "a")?.defaultValue == .integer(0))
        #expect(schema.input(named: "operation")?.type == .combo(["add", "subtract", "multiply", "divide", "modulo", "power", "min", "max"]))
        #expect(schema.outputs.map(\.type) == ["INT"])
    }
}
