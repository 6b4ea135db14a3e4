import Foundation
import Testing
import WeftDiffusion
import WeftTensor

/// The tokenizer against ComfyUI's own tokens for five prompts (Fixtures/tokens.json and tokens.safetensors, copied
/// from ../shared/fixtures/sd-tiny): ids exact, weights exactly as ComfyUI stored them in float32. (The weights in the
/// JSON copy are not used: Foundation's JSON reader rounds some doubles in the last bit.)
@Suite struct CLIPTokenizerTests {
    static let tokenizer = Result { try CLIPTokenizer() }

    struct Expected {
        let prompt: String
        let windows: [[(id: Int, weight: Double)]]
    }

    static func expected() throws -> [Expected] {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/tokens", withExtension: "json"))
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [[String: Any]])
        return try entries.map { entry in
            let windows = try #require(entry["chunks"] as? [[[Double]]])
            return Expected(
                prompt: try #require(entry["prompt"] as? String),
                windows: windows.map { window in window.map { (Int($0[0]), $0[1]) } })
        }
    }

    @Test func matchesComfyUIForEveryReferencePrompt() throws {
        let tokenizer = try Self.tokenizer.get()
        let cases = try Self.expected()
        let url = try #require(Bundle.module.url(forResource: "Fixtures/tokens", withExtension: "safetensors"))
        let stored = try SafetensorsFile(path: url.path(percentEncoded: false))
        #expect(cases.count == 5)
        for (index, expected) in cases.enumerated() {
            let windows = try tokenizer.tokenize(expected.prompt)
            #expect(windows.count == expected.windows.count, "\(expected.prompt)")
            #expect(windows.flatMap { $0.map(\.id) } == expected.windows.flatMap { $0.map(\.id) }, "ids of \(expected.prompt)")
            #expect(try stored.info("p\(index).ids").shape == [windows.count, 77])
            let weights = windows.flatMap { $0.map { Float($0.weight) } }
            #expect(weights == (try stored.floats("p\(index).weights")), "weights of \(expected.prompt)")
        }
    }

    @Test func weightingSyntaxByHand() throws {
        let tokenizer = try Self.tokenizer.get()
        // "red" is 736 and "apple" 3055 (the reference prompts above).
        let weights = try tokenizer.tokenize("((red)) (apple:0.5)")[0].prefix(3).map(\.weight)
        #expect(weights == [1, 1.1 * 1.1, 0.5])
        // An unparsable weight keeps the text and the 1.1 factor; escaped parentheses are text.
        let odd = try tokenizer.tokenize("(red:x)")[0]
        #expect(odd[1].weight == 1.1)
        #expect(odd.prefix(while: { $0.id != CLIPTokenizer.endToken }).count > 2)
        let escaped = try tokenizer.tokenize("\\(red\\)")[0]
        #expect(escaped.allSatisfy { $0.weight == 1 })
        #expect(escaped[2].id == 736)
    }

    @Test func shortRunsMoveWholeToTheNextWindow() throws {
        let tokenizer = try Self.tokenizer.get()
        // 74 single-token runs of "red" fill a window to one short of full; a 3-token run then moves whole.
        let prompt = String(repeating: "(red:1.0)", count: 74) + "(red apple red:2.0)"
        let windows = try tokenizer.tokenize(prompt)
        #expect(windows.count == 2)
        #expect(windows[0][75].id == CLIPTokenizer.endToken)
        #expect(windows[1].prefix(4).map(\.id) == [CLIPTokenizer.startToken, 736, 3055, 736])
    }
}
