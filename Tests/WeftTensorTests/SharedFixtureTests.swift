import Foundation
import Testing
import WeftTensor

/// The reference files ComfyUI's own code wrote for the Stable Diffusion work (copied from ../shared/fixtures/sd-tiny
/// into Fixtures/sd-tiny), read with Weft's safetensors reader: every tensor the manifest lists is there with its
/// dtype and shape, and the values agree with the JSON copy of the same data.
@Suite struct SharedFixtureTests {
    static let folder = "Fixtures/sd-tiny"

    static func url(_ name: String) throws -> URL {
        try #require(Bundle.module.url(forResource: "\(folder)/\(name)", withExtension: nil))
    }

    /// The manifest's `files` entry for `name`: tensor name → (dtype, shape).
    static func manifestTensors(_ name: String) throws -> [String: (dtype: String, shape: [Int])] {
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: try url("manifest.json"))) as? [String: Any]
        let files = try #require(manifest?["files"] as? [String: Any])
        let tensors = try #require((files[name] as? [String: Any])?["tensors"] as? [String: [String: Any]])
        return try tensors.mapValues { entry in
            (try #require(entry["dtype"] as? String), try #require(entry["shape"] as? [Int]))
        }
    }

    @Test(arguments: ["vae.safetensors", "tokens.safetensors"])
    func everyListedTensorIsReadWithItsShape(file: String) throws {
        let expected = try Self.manifestTensors(file)
        let reader = try SafetensorsFile(path: try Self.url(file).path(percentEncoded: false))
        #expect(Set(reader.names) == Set(expected.keys))
        for (name, entry) in expected {
            let info = try reader.info(name)
            #expect(info.shape == entry.shape, "\(file): \(name)")
            #expect(info.dtype == (entry.dtype == "int64" ? .i64 : .f32), "\(file): \(name)")
            #expect(try reader.floats(name).count == entry.shape.reduce(1, *))
        }
    }

    @Test func tokenIdsAndWeightsMatchTheJSONCopy() throws {
        let reader = try SafetensorsFile(path: try Self.url("tokens.safetensors").path(percentEncoded: false))
        let prompts = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: try Self.url("tokens.json"))) as? [[String: Any]])
        #expect(prompts.count == 5)
        for prompt in prompts {
            let index = try #require(prompt["index"] as? Int)
            let chunks = try #require(prompt["chunks"] as? [[[Double]]])
            let pairs = chunks.flatMap { $0 }
            #expect(try reader.floats("p\(index).ids") == pairs.map { Float($0[0]) }, "prompt \(index) ids")
            #expect(try reader.floats("p\(index).weights") == pairs.map { Float($0[1]) }, "prompt \(index) weights")
        }
    }

    @Test func decodedImageIsAnImageTensorInRange() throws {
        let reader = try SafetensorsFile(path: try Self.url("vae.safetensors").path(percentEncoded: false))
        let image = try reader.floats("decode.out")
        // VAEDecode clamps (x + 1) / 2 to 0...1: a valid IMAGE, not a constant one.
        #expect(image.allSatisfy { (0...1).contains($0) })
        #expect(Set(image).count > 1000)
    }
}
