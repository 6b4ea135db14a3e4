import Foundation
import OrderedCollections
import Testing
import WeftCore

/// `weft validate`: text and ComfyUI-shaped JSON answers, exit codes 0 and 2.
@Suite struct ValidateCommandTests {
    @Test func validWorkflowListsItsOutputs() async throws {
        let data = try TemporaryDirectory()
        defer { data.remove() }

        let result = try await weft("validate", WeftProcess.workflow("hello.json"), in: data.url)
        #expect(result.status == 0)
        #expect(result.stdout == "valid: 3 output node(s) will run: 9, 10, 11\n")
        #expect(FileManager.default.contents(atPath: data.path("output")) == nil, "validate writes nothing")

        let json = try await weft("validate", "--json", WeftProcess.workflow("hello.json"), in: data.url)
        #expect(json.status == 0)
        let body = try JSONParser().parse(json.stdout)
        #expect(body["node_errors"] == .object([:]))
        #expect(body["prompt_id"]?.stringValue != nil)
    }

    @Test func invalidWorkflowPrintsEveryError() async throws {
        let data = try TemporaryDirectory()
        defer { data.remove() }
        let file = try data.write(
            "bad.json",
            """
            {"1": {"class_type": "PrimitiveInt", "inputs": {"value": "many"}},
             "2": {"class_type": "PreviewAny", "inputs": {"source": ["1", 0]}},
             "3": {"class_type": "SaveText", "inputs": {"filename_prefix": "x"}, "_meta": {"title": "Save it"}}}
            """)

        let result = try await weft("validate", file, in: data.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("error: Prompt outputs failed validation"))
        #expect(result.stderr.contains("#1 PrimitiveInt: Failed to convert an input value to a INT value"))
        #expect(result.stderr.contains("#3 SaveText \"Save it\": Required input is missing (text)"))

        let json = try await weft("validate", "--json", file, in: data.url)
        #expect(json.status == 2)
        let body = try JSONParser().parse(json.stdout)
        #expect(body["error"]?["type"] == "prompt_outputs_failed_validation")
        #expect(body["node_errors"]?["3"]?["errors"]?.arrayValue?.first?["type"] == "required_input_missing")
        #expect(body["node_errors"]?["1"]?["dependent_outputs"] == ["2"])
    }

    @Test func setAppliesBeforeValidationAndSkippedOutputsAreWarnings() async throws {
        let data = try TemporaryDirectory()
        defer { data.remove() }

        // Breaking the answer's branch leaves the greeting outputs runnable: valid, with a warning.
        let result = try await weft("validate", WeftProcess.workflow("hello.json"), "--set", "8.operation=cube", in: data.url)
        #expect(result.status == 0)
        #expect(result.stdout == "valid: 2 output node(s) will run: 10, 11\n")
        #expect(result.stderr.contains("warning: 1 output node(s) failed validation"))
        #expect(result.stderr.contains("#8 IntMath \"The answer\": Value not in list"))
        #expect(result.stderr.contains("skips output #9"))
    }
}
