public import OrderedCollections

/// Which section of ComfyUI's `INPUT_TYPES` an input belongs to.
public enum InputSection: String, Sendable, CaseIterable {
    case required
    case optional
    case hidden
}

/// The declared type of an input: a type name (`"INT"`, `"IMAGE"`, `"INT,FLOAT"`, `"*"`) or a combo.
public enum InputType: Sendable, Hashable {
    /// A named type; a comma list accepts any of its members, `*` accepts anything.
    case named(String)
    /// A choice among fixed values (usually strings); rendered as the options array itself.
    case combo([JSONValue])

    /// The type name used for link compatibility: the name itself, or `"COMBO"`.
    public var name: String {
        switch self {
        case .named(let name): name
        case .combo: "COMBO"
        }
    }
}

/// What a hidden input receives at run time (ComfyUI's hidden input kinds).
public enum HiddenInputKind: String, Sendable, CaseIterable {
    /// The whole API-format prompt.
    case prompt = "PROMPT"
    /// `extra_data.extra_pnginfo` (the UI workflow, for PNG metadata).
    case extraPNGInfo = "EXTRA_PNGINFO"
    /// The node's own id.
    case uniqueID = "UNIQUE_ID"
    /// The prompt as the executor sees it (ComfyUI's dynamic prompt).
    case dynamicPrompt = "DYNPROMPT"
    /// Comfy.org credentials for API nodes, taken from `extra_data`.
    case authTokenComfyOrg = "AUTH_TOKEN_COMFY_ORG"
    /// Comfy.org API key for API nodes, taken from `extra_data`.
    case apiKeyComfyOrg = "API_KEY_COMFY_ORG"
}

/// One declared input of a node: its name, section, type and options.
///
/// Options are kept as an ordered JSON object, exactly as they render in `/object_info`, so nodes described at
/// run time (plugins) round-trip unchanged. Typed accessors read the keys the runtime acts on.
public struct InputSpec: Sendable, Hashable {
    public var name: String
    public var section: InputSection
    /// The input's type; for hidden inputs, `.named` with the hidden kind's raw value.
    public var type: InputType
    /// `default`, `min`, `max`, `step`, `round`, `multiline`, `lazy`, `forceInput`, `tooltip`, … in declaration order.
    public var options: OrderedDictionary<String, JSONValue>

    public init(name: String, section: InputSection = .required, type: InputType, options: OrderedDictionary<String, JSONValue> = [:]) {
        self.name = name
        self.section = section
        self.type = type
        self.options = options
    }

    /// The hidden kind when this is a hidden input of a known kind.
    public var hiddenKind: HiddenInputKind? {
        guard section == .hidden else { return nil }
        return HiddenInputKind(rawValue: type.name)
    }

    /// Lazy inputs are evaluated only when the node asks for them.
    public var isLazy: Bool { options["lazy"] == .bool(true) }
    /// The declared lower bound, if any.
    public var minimum: JSONValue? { options["min"] }
    /// The declared upper bound, if any.
    public var maximum: JSONValue? { options["max"] }
    /// The declared default, if any.
    public var defaultValue: JSONValue? { options["default"] }
    /// The input holds the *name* of a secret (an API key), never its value; a value pasted there is redacted
    /// before anything is stored (Weft's `secret_name` option).
    public var holdsSecretName: Bool { options["secret_name"] == .bool(true) }
}

// MARK: - Builders for nodes written in Swift

extension InputSpec {
    /// A socket of a named type (`"MODEL"`, `"IMAGE"`, `"*"`…).
    public static func socket(_ name: String, _ type: String, tooltip: String? = nil) -> InputSpec {
        InputSpec(name: name, type: .named(type), options: Self.options(["tooltip": tooltip.map(JSONValue.string)]))
    }

    /// An `INT` widget. Bounds default to ComfyUI's (±`Int64.max`, as Python's `sys.maxsize`).
    public static func int(
        _ name: String, default value: Int128 = 0, min: Int128? = nil, max: Int128? = nil, step: Int128? = nil,
        controlAfterGenerate: Bool = false, tooltip: String? = nil
    ) -> InputSpec {
        InputSpec(
            name: name, type: .named("INT"),
            options: Self.options([
                "default": .integer(value), "min": min.map(JSONValue.integer), "max": max.map(JSONValue.integer),
                "step": step.map(JSONValue.integer), "control_after_generate": controlAfterGenerate ? .bool(true) : nil,
                "tooltip": tooltip.map(JSONValue.string),
            ]))
    }

    /// A `FLOAT` widget.
    public static func float(
        _ name: String, default value: Double = 0, min: Double? = nil, max: Double? = nil, step: Double? = nil,
        round: Double? = nil, tooltip: String? = nil
    ) -> InputSpec {
        InputSpec(
            name: name, type: .named("FLOAT"),
            options: Self.options([
                "default": .double(value), "min": min.map(JSONValue.double), "max": max.map(JSONValue.double),
                "step": step.map(JSONValue.double), "round": round.map(JSONValue.double), "tooltip": tooltip.map(JSONValue.string),
            ]))
    }

    /// A `STRING` widget.
    public static func string(
        _ name: String, default value: String = "", multiline: Bool = false, dynamicPrompts: Bool? = nil,
        tooltip: String? = nil
    ) -> InputSpec {
        InputSpec(
            name: name, type: .named("STRING"),
            options: Self.options([
                "default": .string(value), "multiline": multiline ? .bool(true) : nil,
                "dynamicPrompts": dynamicPrompts.map(JSONValue.bool), "tooltip": tooltip.map(JSONValue.string),
            ]))
    }

    /// A `BOOLEAN` widget.
    public static func boolean(_ name: String, default value: Bool = false, tooltip: String? = nil) -> InputSpec {
        InputSpec(
            name: name, type: .named("BOOLEAN"),
            options: Self.options([
                "default": .bool(value), "tooltip": tooltip.map(JSONValue.string),
            ]))
    }

    /// A combo of string choices; the default is the first choice unless given.
    public static func combo(_ name: String, _ choices: [String], default value: String? = nil, tooltip: String? = nil) -> InputSpec {
        InputSpec(
            name: name, type: .combo(choices.map(JSONValue.string)),
            options: Self.options([
                "default": (value ?? choices.first).map(JSONValue.string), "tooltip": tooltip.map(JSONValue.string),
            ]))
    }

    /// A hidden input of a ComfyUI hidden kind.
    public static func hidden(_ name: String, _ kind: HiddenInputKind) -> InputSpec {
        InputSpec(name: name, section: .hidden, type: .named(kind.rawValue))
    }

    /// This input, in the `optional` section.
    public var optional: InputSpec { with { $0.section = .optional } }
    /// This input, evaluated only when the node asks for it.
    public var lazy: InputSpec { with { $0.options["lazy"] = true } }
    /// This input as a socket only (no widget in the UI).
    public var forceInput: InputSpec { with { $0.options["forceInput"] = true } }
    /// This input as one that names a secret (see ``holdsSecretName``).
    public var secretName: InputSpec { with { $0.options["secret_name"] = true } }

    private func with(_ change: (inout InputSpec) -> Void) -> InputSpec {
        var copy = self
        change(&copy)
        return copy
    }

    private static func options(_ pairs: KeyValuePairs<String, JSONValue?>) -> OrderedDictionary<String, JSONValue> {
        var options = OrderedDictionary<String, JSONValue>()
        for (key, value) in pairs {
            if let value { options[key] = value }
        }
        return options
    }
}
