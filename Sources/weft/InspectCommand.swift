import ArgumentParser
import Foundation
import OrderedCollections
import WeftCore
import WeftImage
import WeftNodes

/// `weft inspect IMAGE`: prints the workflow embedded in a PNG saved by Weft or ComfyUI, so it can be rerun or
/// loaded into an editor.
struct InspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Print the workflow embedded in a PNG made by Weft or ComfyUI.",
        discussion: """
            By default prints the API-format prompt, which `weft run` takes as it is: \
            `weft inspect out.png > again.json && weft run again.json`. \
            --workflow prints the editor's graph instead (load it in ComfyUI), --info a summary of the image \
            and its text chunks.

            Exit codes: 0 printed, 1 the image holds no such data, 2 the file is missing or not an image.
            """
    )

    @Argument(help: ArgumentHelp("A PNG file (JPEG and WebP files are read for --info).", valueName: "IMAGE"))
    var file: String

    @Flag(help: "Print the editor's UI-format graph (the `workflow` chunk) instead of the API prompt.")
    var workflow = false

    @Flag(help: "Print the image size and the embedded text chunks instead of JSON.")
    var info = false

    func validate() throws {
        guard !(workflow && info) else { throw ValidationError("--workflow and --info cannot be combined.") }
    }

    func run() async throws {
        let bytes: [UInt8]
        do {
            bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
        } catch {
            fail("cannot read '\(file)': \((error as? CocoaError)?.localizedDescription ?? String(describing: error))", status: ExitStatus.invalid)
        }
        guard let format = ImageFormat.sniff(bytes) else {
            fail("'\(file)' is not a PNG, JPEG or WebP image", status: ExitStatus.invalid)
        }
        let chunks: [PNGTextChunk]
        do {
            chunks = format == .png ? try ImageDecoder.pngTextChunks(bytes) : []
        } catch {
            fail("'\(file)': \(error)", status: ExitStatus.invalid)
        }
        let metadata = ComfyPNGMetadata(textChunks: chunks)
        if info {
            StandardStream.output.writeLines(try summary(bytes, format: format, chunks: chunks, metadata: metadata))
            return
        }
        let wanted = workflow ? metadata.workflow : metadata.prompt
        guard let wanted else {
            let what = workflow ? "editor workflow (`workflow` chunk)" : "API prompt (`prompt` chunk)"
            fail("'\(file)' has no \(what); `weft inspect --info \(file)` lists what it holds", status: ExitStatus.executionFailed)
        }
        StandardStream.output.writeLine(wanted.serialized(style: .pythonIndented))
    }

    /// The image's size and format, then one line per text chunk, with node counts for the workflow chunks.
    private func summary(_ bytes: [UInt8], format: ImageFormat, chunks: [PNGTextChunk], metadata: ComfyPNGMetadata) throws -> [String] {
        let image: RasterImage
        do {
            image = try ImageDecoder.decode(bytes)
        } catch {
            fail("'\(file)': \(error)", status: ExitStatus.invalid)
        }
        let layout = ["gray", "gray+alpha", "RGB", "RGBA"][image.channels - 1]
        var lines = ["\(file): \(format.name), \(image.width) x \(image.height), \(layout)"]
        if chunks.isEmpty { lines.append("no text chunks") }
        for chunk in chunks {
            var line = "  \(chunk.key): \(chunk.value.utf8.count) bytes"
            if chunk.key == "prompt", let prompt = metadata.prompt?.objectValue {
                line += ", API prompt with \(prompt.count) nodes"
            } else if chunk.key == "workflow", let nodes = metadata.workflow?["nodes"]?.arrayValue {
                line += ", editor workflow with \(nodes.count) nodes"
            }
            lines.append(line)
        }
        return lines
    }

    /// Prints `message` as an error and exits with `status`.
    private func fail(_ message: String, status: Int32) -> Never {
        StandardStream.error.writeLine("error: \(message)")
        Foundation.exit(status)
    }
}
