import Testing
import WeftImage

@Suite("PNG text chunks")
struct PNGTextChunkTests {
    private let image = try! TestImage.noise(width: 4, height: 3, channels: 3)

    @Test("tEXt round trip in order, pixels intact")
    func roundTrip() throws {
        let text = [
            PNGTextChunk(key: "prompt", value: #"{"3": {"class_type": "KSampler", "inputs": {"seed": 7}}}"#),
            PNGTextChunk(key: "workflow", value: #"{"nodes": [], "links": []}"#),
            PNGTextChunk(key: "empty", value: ""),
            PNGTextChunk(key: "Comment with spaces", value: "line one\nline two"),
        ]
        let png = try ImageEncoder.png(image, text: text)
        #expect(try ImageDecoder.pngTextChunks(png) == text)
        #expect(PNGBytes.chunks(png).map(\.type) == ["IHDR", "tEXt", "tEXt", "tEXt", "tEXt", "IDAT", "IEND"])
        #expect(try ImageDecoder.decode(png) == image)
    }

    @Test("Latin-1 stays tEXt; anything beyond it becomes iTXt")
    func chunkTypes() throws {
        let text = [
            PNGTextChunk(key: "latin", value: "café ÿ"),
            PNGTextChunk(key: "unicode", value: "Grüße ✓ 日本 🎨"),
            PNGTextChunk(key: "clé", value: "naïve"),
        ]
        let png = try ImageEncoder.png(image, text: text)
        #expect(PNGBytes.chunks(png).map(\.type) == ["IHDR", "tEXt", "iTXt", "tEXt", "IDAT", "IEND"])
        #expect(try ImageDecoder.pngTextChunks(png) == text)
        #expect(try ImageDecoder.decode(png) == image)
    }

    @Test("a 2 MB JSON value round trips")
    func largeValue() throws {
        var json = #"{"nodes": ["#
        var index = 0
        while json.utf8.count < 2_000_000 {
            json += #"{"id": \#(index), "type": "KSampler", "widgets_values": [\#(index * 7919), "euler", 1.5]}, "#
            index += 1
        }
        json += #"{"id": -1}]}"#
        let text = [PNGTextChunk(key: "workflow", value: json), PNGTextChunk(key: "prompt", value: "{}")]
        let png = try ImageEncoder.png(image, text: text)
        #expect(png.count > 2_000_000)
        let read = try ImageDecoder.pngTextChunks(png)
        #expect(read.count == 2)
        #expect(read.first?.value.utf8.count == json.utf8.count)
        #expect(read == text)
        #expect(try ImageDecoder.decode(png) == image)
    }

    @Test("chunks written by Pillow: tEXt, zTXt, compressed and plain iTXt")
    func pillowChunks() throws {
        let chunks = try ImageDecoder.pngTextChunks(try Fixture.bytes("text_chunks.png"))
        #expect(
            chunks == [
                PNGTextChunk(key: "prompt", value: #"{"3": {"class_type": "KSampler", "inputs": {"seed": 7}}}"#),
                PNGTextChunk(key: "note", value: String(repeating: "compressed ", count: 40)),
                PNGTextChunk(key: "title", value: "Grüße ✓ 日本"),
                PNGTextChunk(key: "caption", value: "naïve ✓"),
            ])
    }

    @Test("text after the image data is read too, in file order")
    func textAfterImageData() throws {
        let bytes = try Fixture.bytes("text_after_idat.png")
        #expect(try ImageDecoder.pngTextChunks(bytes) == [PNGTextChunk(key: "before", value: "1"), PNGTextChunk(key: "after", value: "2")])
        #expect(try ImageDecoder.decode(bytes).pixels == [0, 200])
    }

    @Test("a PNG without text has none")
    func noText() throws {
        #expect(try ImageDecoder.pngTextChunks(try ImageEncoder.png(image)).isEmpty)
    }

    @Test(
        "keys that PNG forbids are refused",
        arguments: ["", " lead", "trail ", "two  spaces", String(repeating: "k", count: 80), "tab\tkey", "日本"])
    func invalidKeys(key: String) throws {
        let error = #expect(throws: ImageCodecError.self) {
            try ImageEncoder.png(image, text: [PNGTextChunk(key: key, value: "v")])
        }
        #expect(error?.code == .invalidArgument)
        #expect(error?.message.contains("text key") == true)
    }

    @Test("a 79-character key is fine")
    func longestKey() throws {
        let text = [PNGTextChunk(key: String(repeating: "k", count: 79), value: "v")]
        #expect(try ImageDecoder.pngTextChunks(try ImageEncoder.png(image, text: text)) == text)
    }

    @Test("a value containing NUL is refused", arguments: ["a\u{0}b", "ü\u{0}✓"])
    func nulInValue(value: String) throws {
        let error = #expect(throws: ImageCodecError.self) {
            try ImageEncoder.png(image, text: [PNGTextChunk(key: "k", value: value)])
        }
        #expect(error?.code == .invalidArgument)
        #expect(error?.message == #"the text for key "k" contains a NUL character"#)
    }
}
