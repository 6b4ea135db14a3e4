import OrderedCollections
import WeftCore

/// Keeps credentials out of everything the server stores or shows: `extra_data` keys that carry secrets
/// (ComfyUI's `auth_token_comfy_org` and `api_key_comfy_org`, and any key naming a token, key, secret or password)
/// are dropped before a prompt is written to the queue.
enum SecretScrubber {
    /// `extra_data` as it may be stored: secrets removed, `client_id` copied in as ComfyUI does.
    static func storableExtraData(_ extraData: OrderedDictionary<String, JSONValue>, clientID: String?) -> JSONValue {
        var kept = extraData.filter { !isSecretKey($0.key) }
        if let clientID { kept["client_id"] = .string(clientID) }
        return .object(kept)
    }

    /// Whether a key's name says its value is a credential.
    static func isSecretKey(_ key: String) -> Bool {
        let name = key.lowercased()
        return ["token", "api_key", "apikey", "secret", "password"].contains { name.contains($0) }
    }
}
