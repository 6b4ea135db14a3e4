import WeftCore

extension PrimitiveNode {
    /// ComfyUI's `sys.maxsize`, the bound of the numeric primitives.
    private static let pythonMaxSize = Int128(Int64.max)

    /// `PrimitiveInt` ("Int"): an `INT` in ±`sys.maxsize`, with a control-after-generate widget.
    public static var int: PrimitiveNode {
        PrimitiveNode(
            className: "PrimitiveInt", displayName: "Int", kind: .int,
            valueInput: .int("value", min: -pythonMaxSize, max: pythonMaxSize, controlAfterGenerate: true)
        )
    }

    /// `PrimitiveFloat` ("Float"): a `FLOAT` in ±`sys.maxsize`.
    public static var float: PrimitiveNode {
        PrimitiveNode(
            className: "PrimitiveFloat", displayName: "Float", kind: .float,
            valueInput: .float("value", min: -Double(pythonMaxSize), max: Double(pythonMaxSize))
        )
    }

    /// `PrimitiveString` ("String"): a single-line `STRING`.
    public static var string: PrimitiveNode {
        PrimitiveNode(className: "PrimitiveString", displayName: "String", kind: .string, valueInput: .string("value"))
    }

    /// `PrimitiveStringMultiline` ("String (Multiline)"): a multi-line `STRING`.
    public static var stringMultiline: PrimitiveNode {
        PrimitiveNode(
            className: "PrimitiveStringMultiline", displayName: "String (Multiline)", kind: .string,
            valueInput: .string("value", multiline: true)
        )
    }

    /// `PrimitiveBoolean` ("Boolean"): a `BOOLEAN`.
    public static var boolean: PrimitiveNode {
        PrimitiveNode(className: "PrimitiveBoolean", displayName: "Boolean", kind: .boolean, valueInput: .boolean("value"))
    }

    /// All five primitive nodes, in ComfyUI's order.
    public static var all: [PrimitiveNode] { [int, float, string, stringMultiline, boolean] }
}
