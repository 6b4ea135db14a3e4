public import OrderedCollections

/// One validation problem, in ComfyUI's error shape (`{type, message, details, extra_info}`).
public struct ValidationError: Error, Equatable, Sendable {
    /// The machine-readable kind, e.g. ``Kind/requiredInputMissing``.
    public var kind: Kind
    /// A one-line human summary, e.g. "Required input is missing".
    public var message: String
    /// Specifics, e.g. the input name or the rejected value.
    public var details: String
    /// ComfyUI's `extra_info`: `input_name`, `input_config`, `received_value`, `received_type`, `linked_node`…
    public var extraInfo: OrderedDictionary<String, JSONValue>

    public init(kind: Kind, message: String, details: String = "", extraInfo: OrderedDictionary<String, JSONValue> = [:]) {
        self.kind = kind
        self.message = message
        self.details = details
        self.extraInfo = extraInfo
    }

    /// The error as ComfyUI's JSON object.
    public var json: JSONValue {
        ["type": .string(kind.rawValue), "message": .string(message), "details": .string(details), "extra_info": .object(extraInfo)]
    }

    /// A validation error kind: ComfyUI's `type` strings, extensible without breaking callers.
    public struct Kind: RawRepresentable, Hashable, Sendable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        public static let invalidPrompt = Kind(rawValue: "invalid_prompt")
        public static let promptNoOutputs = Kind(rawValue: "prompt_no_outputs")
        public static let promptOutputsFailedValidation = Kind(rawValue: "prompt_outputs_failed_validation")
        public static let requiredInputMissing = Kind(rawValue: "required_input_missing")
        public static let badLinkedInput = Kind(rawValue: "bad_linked_input")
        public static let returnTypeMismatch = Kind(rawValue: "return_type_mismatch")
        public static let invalidInputType = Kind(rawValue: "invalid_input_type")
        public static let valueSmallerThanMin = Kind(rawValue: "value_smaller_than_min")
        public static let valueBiggerThanMax = Kind(rawValue: "value_bigger_than_max")
        public static let valueNotInList = Kind(rawValue: "value_not_in_list")
        public static let customValidationFailed = Kind(rawValue: "custom_validation_failed")
    }
}

/// The errors of one node, with the outputs they keep from running (`node_errors[id]`).
public struct NodeErrorReport: Equatable, Sendable {
    public var classType: String
    public var errors: [ValidationError]
    /// Output nodes that cannot run because of this node, in document order.
    public var dependentOutputs: [NodeID]

    public init(classType: String, errors: [ValidationError], dependentOutputs: [NodeID] = []) {
        self.classType = classType
        self.errors = errors
        self.dependentOutputs = dependentOutputs
    }

    /// `{"errors": [...], "dependent_outputs": [...], "class_type": "..."}`.
    public var json: JSONValue {
        [
            "errors": .array(errors.map(\.json)),
            "dependent_outputs": .array(dependentOutputs.map(JSONValue.string)),
            "class_type": .string(classType),
        ]
    }
}
