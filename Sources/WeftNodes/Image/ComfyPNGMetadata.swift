public import OrderedCollections
public import WeftCore
public import WeftImage

/// The workflow ComfyUI embeds in the PNGs it saves, read or written as PNG text chunks.
///
/// ComfyUI writes one `tEXt` chunk `prompt` holding the API-format prompt and one chunk per key of the client's
/// `extra_pnginfo` (the editor sends `workflow`, the UI-format graph), each value as Python's `json.dumps` spells it.
/// Writing the same chunks, byte for byte, lets ComfyUI's editor restore a workflow from a Weft image; reading them
/// lets Weft rerun or inspect an image ComfyUI made.
public struct ComfyPNGMetadata: Sendable, Equatable {
    /// The API-format prompt (`prompt` chunk), if any.
    public var prompt: JSONValue?
    /// The other JSON chunks in file order; the editor's graph is under `workflow`.
    public var extraPNGInfo: OrderedDictionary<String, JSONValue>

    /// Metadata for an image about to be saved.
    public init(prompt: JSONValue?, extraPNGInfo: OrderedDictionary<String, JSONValue> = [:]) {
        self.prompt = prompt
        self.extraPNGInfo = extraPNGInfo
    }

    /// The metadata found in a PNG's text chunks: `prompt`, and every other chunk whose text is JSON (other tools'
    /// plain-text chunks, such as `parameters`, are not part of it). A later chunk with the same key wins.
    public init(textChunks: [PNGTextChunk]) {
        prompt = nil
        extraPNGInfo = [:]
        let parser = JSONParser()
        for chunk in textChunks {
            guard let value = try? parser.parse(chunk.value) else { continue }
            if chunk.key == "prompt" {
                prompt = value
            } else {
                extraPNGInfo[chunk.key] = value
            }
        }
    }

    /// The editor's UI-format graph (`workflow` chunk), if any.
    public var workflow: JSONValue? { extraPNGInfo["workflow"] }

    /// True when there is nothing to write.
    public var isEmpty: Bool { prompt == nil && extraPNGInfo.isEmpty }

    /// The chunks ComfyUI would write: `prompt` first, then each `extra_pnginfo` key in order, in `json.dumps` style.
    public var textChunks: [PNGTextChunk] {
        var chunks: [PNGTextChunk] = []
        if let prompt {
            chunks.append(PNGTextChunk(key: "prompt", value: prompt.serialized(style: .python)))
        }
        for (key, value) in extraPNGInfo {
            chunks.append(PNGTextChunk(key: key, value: value.serialized(style: .python)))
        }
        return chunks
    }
}
