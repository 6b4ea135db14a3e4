import WeftCore

/// The trivial prompt every client submits: a `PrimitiveString` shown by `PreviewAny`. Its string is unique per
/// prompt, so the server's output cache never answers it and both nodes really run.
enum BenchmarkWorkflow {
    /// The `POST /prompt` body for a prompt with string `value`, sent on behalf of WebSocket client `clientID`.
    static func request(value: String, clientID: String) -> JSONValue {
        let workflow: JSONValue = [
            "1": ["class_type": "PrimitiveString", "inputs": ["value": .string(value)]],
            "2": ["class_type": "PreviewAny", "inputs": ["source": ["1", 0]]],
        ]
        return ["prompt": workflow, "client_id": .string(clientID)]
    }
}
