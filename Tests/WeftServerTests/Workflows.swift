import WeftCore

/// Small API-format workflows for server tests.
enum Workflows {
    /// `PrimitiveString(text)` → `PreviewAny`: one output node (`2`) whose UI output is `{"text": [text]}`.
    static func echo(_ text: String) -> JSONValue {
        [
            "1": ["class_type": "PrimitiveString", "inputs": ["value": .string(text)]],
            "2": ["class_type": "PreviewAny", "inputs": ["source": ["1", 0]]],
        ]
    }

    /// Like ``echo(_:)`` with a `Delay` of `seconds` in between (node `3`), for prompts that stay running.
    static func slow(_ text: String, seconds: Double) -> JSONValue {
        [
            "1": ["class_type": "PrimitiveString", "inputs": ["value": .string(text)]],
            "3": ["class_type": "Delay", "inputs": ["value": ["1", 0], "seconds": .double(seconds)]],
            "2": ["class_type": "PreviewAny", "inputs": ["source": ["3", 0]]],
        ]
    }

    /// `SaveText(text)` writing `prefix_00001_.txt` into output/.
    static func saveText(_ text: String, prefix: String) -> JSONValue {
        [
            "1": ["class_type": "PrimitiveString", "inputs": ["value": .string(text)]],
            "2": ["class_type": "SaveText", "inputs": ["text": ["1", 0], "filename_prefix": .string(prefix)]],
        ]
    }

    /// Divides by zero in node `1`, so the prompt fails at run time.
    static let failing: JSONValue = [
        "1": ["class_type": "IntMath", "inputs": ["a": 1, "b": 0, "operation": "divide"]],
        "2": ["class_type": "PreviewAny", "inputs": ["source": ["1", 0]]],
    ]
}
