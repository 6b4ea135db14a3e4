public import WeftCore

/// The catalogue of node types built into Weft, for the composition root to register.
public enum BuiltinNodes {
    /// The utility nodes: primitives, string, logic and math helpers, the text preview/save outputs, and Delay.
    public static func utility() -> [any Node] {
        PrimitiveNode.all + [
            StringConcatenate(),
            ComfySwitchNode(),
            IntMath(),
            FloatMath(),
            PreviewAny(),
            SaveText(),
            Delay(),
        ]
    }

    /// A registry holding every built-in node. Throws only if two built-ins share a class name.
    public static func registry() throws(NodeRegistryError) -> NodeRegistry {
        try NodeRegistry(utility())
    }
}
