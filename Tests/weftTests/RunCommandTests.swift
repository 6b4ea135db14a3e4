import Foundation
import OrderedCollections
import Testing
import WeftCore

/// `weft run` end to end: the real binary on `Workflows/hello.json` and small generated workflows.
@Suite struct RunCommandTests {
    static let hello = WeftProcess.workflow("hello.json")

    @Test func helloRunsAndNumbersItsOutputs() async throws {
        let data = try TemporaryDirectory()
        defer { data.remove() }

        let first = try await weft("run", Self.hello, in: data.url)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(data.read("output/hello_00001_.txt") == "Hello, World!")
        #expect(first.stdout.contains("output/hello_00001_.txt"))
        #expect(first.stdout.contains("text: 42"))
        // The switch chose the polite branch: the shouted one never ran.
        #expect(first.stdout.contains("executing #6 StringConcatenate \"Polite greeting\""))
        #expect(!first.stdout.contains("executing #5"))
        #expect(first.stdout.contains("done #3"))
        for folder in ["input", "output", "temp"] {
            var isDirectory: ObjCBool = false
            #expect(FileManager.default.fileExists(atPath: data.path(folder), isDirectory: &isDirectory) && isDirectory.boolValue)
        }

        let second = try await weft("run", Self.hello, in: data.url)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(data.read("output/hello_00002_.txt") == "Hello, World!")
    }

    @Test func setOverridesInputs() async throws {
        let data = try TemporaryDirectory()
        defer { data.remove() }

        let result = try await weft("run", Self.hello, "--set", "2.value=Weft", "--set", "4.value=true", in: data.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(data.read("output/hello_00001_.txt") == "Hello, Weft!!!")
        #expect(result.stdout.contains("executing #5"))
        #expect(!result.stdout.contains("executing #6"))

        let quoted = try await weft("run", Self.hello, "--set", "1.value=\"Hi\"", "--set", "8.b=100", in: data.url)
        #expect(quoted.status == 0, "\(quoted.stderr)")
        #expect(data.read("output/hello_00002_.txt") == "Hi, World!")
        #expect(quoted.stdout.contains("text: 600"))
    }

    @Test func invalidOutputsAreSkippedWithAWarning() async throws {
        let data = try TemporaryDirectory()
        defer { data.remove() }

        let result = try await weft("run", Self.hello, "--set", "8.a=\"six\"", in: data.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("warning: 1 output node(s) failed validation and will not run"))
        #expect(result.stderr.contains("#8 IntMath \"The answer\": Failed to convert an input value to a INT value"))
        #expect(!result.stdout.contains("executing #9"))
        #expect(data.read("output/hello_00001_.txt") == "Hello, World!")

        let json = try await weft("run", Self.hello, "--json", "--set", "8.a=\"six\"", in: data.url)
        let report = try JSONParser().parse(json.stdout)
        #expect(report["status"] == "success")
        #expect(report["node_errors"]?["8"]?["dependent_outputs"] == ["9"])
        #expect(report["outputs"]?["9"] == nil)
    }

    @Test func setOnAnUnknownNodeIsAUsageError() async throws {
        let data = try TemporaryDirectory()
        defer { data.remove() }

        let unknownNode = try await weft("run", Self.hello, "--set", "99.value=1", in: data.url)
        #expect(unknownNode.status == 2)
        #expect(unknownNode.stderr.contains("99.value=1"))
        #expect(unknownNode.stderr.contains("no node '99'"))

        let unknownInput = try await weft("run", Self.hello, "--set", "8.c=1", in: data.url)
        #expect(unknownInput.status == 2)
        #expect(unknownInput.stderr.contains("no input 'c'"))

        let malformed = try await weft("run", Self.hello, "--set", "8b", in: data.url)
        #expect(malformed.status == 2)
        #expect(malformed.stderr.contains("8b"))
        #expect(FileManager.default.contents(atPath: data.path("output/hello_00001_.txt")) == nil)
    }

    @Test func invalidWorkflowExitsWithTwoAndNamesTheNode() async throws {
        let data = try TemporaryDirectory()
        defer { data.remove() }
        let file = try data.write(
            "bad.json",
            """
            {"7": {"class_type": "IntMath", "inputs": {"a": 1, "b": 2, "operation": "frobnicate"}, "_meta": {"title": "My math"}},
             "8": {"class_type": "PreviewAny", "inputs": {"source": ["7", 0]}}}
            """)

        let result = try await weft("run", file, in: data.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("#7 IntMath \"My math\": Value not in list"))
        #expect(result.stderr.contains("frobnicate"))
        #expect(!result.stdout.contains("executing"))

        let json = try await weft("run", "--json", file, in: data.url)
        #expect(json.status == 2)
        let report = try JSONParser().parse(json.stdout)
        #expect(report["status"] == "invalid")
        #expect(report["error"]?["type"] == "prompt_outputs_failed_validation")
        #expect(report["node_errors"]?["7"]?["errors"]?.arrayValue?.first?["type"] == "value_not_in_list")
    }

    @Test func malformedAndUnreadableFilesExitWithTwo() async throws {
        let data = try TemporaryDirectory()
        defer { data.remove() }
        let file = try data.write("broken.json", #"{"1": {"class_type": "PreviewAny", "inputs": {"source": ["9", 0]}}}"#)

        let broken = try await weft("run", file, in: data.url)
        #expect(broken.status == 2)
        #expect(broken.stderr.contains(#"$["1"].inputs.source: links to node '9'"#))

        let missing = try await weft("run", data.path("nope.json"), in: data.url)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nope.json"))
    }

    @Test func executionErrorExitsWithOneAndNamesTheNode() async throws {
        let data = try TemporaryDirectory()
        defer { data.remove() }
        let file = try data.write(
            "divide.json",
            """
            {"4": {"class_type": "IntMath", "inputs": {"a": 10, "b": 0, "operation": "divide"}, "_meta": {"title": "Divide"}},
             "5": {"class_type": "PreviewAny", "inputs": {"source": ["4", 0]}}}
            """)

        let result = try await weft("run", file, in: data.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("#4 IntMath \"Divide\" failed: integer division by zero"))
        #expect(result.stderr.contains("MathNodeError"))
        #expect(result.stderr.contains("b=0"))

        let json = try await weft("run", file, "--json", in: data.url)
        #expect(json.status == 1)
        let report = try JSONParser().parse(json.stdout)
        #expect(report["status"] == "error")
        #expect(report["error"]?["node_id"] == "4")
        #expect(report["error"]?["node_type"] == "IntMath")
        #expect(report["error"]?["exception_message"] == "integer division by zero")
    }

    @Test func jsonPrintsOneReport() async throws {
        let data = try TemporaryDirectory()
        defer { data.remove() }

        let result = try await weft("run", Self.hello, "--json", "--output-dir", data.path("elsewhere"), in: data.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count == 1)
        let report = try JSONParser().parse(result.stdout)
        #expect(report["status"] == "success")
        #expect(report["error"] == .null)
        #expect(report["node_errors"] == .object([:]))
        #expect(UUID(uuidString: report["prompt_id"]?.stringValue ?? "") != nil)
        #expect(report["outputs"]?["9"]?["text"] == ["42"])
        #expect(report["outputs"]?["11"]?["files"] == [["filename": "hello_00001_.txt", "subfolder": "", "type": "output"]])
        #expect(data.read("elsewhere/hello_00001_.txt") == "Hello, World!")
    }

    @Test func readsTheEnvelopeFromStandardInput() async throws {
        let data = try TemporaryDirectory()
        defer { data.remove() }
        let workflow = try String(contentsOfFile: Self.hello, encoding: .utf8)

        let result = try await weft("run", "-", "--data-dir", data.path("data"), in: data.url, input: #"{"prompt": \#(workflow)}"#)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(data.read("data/output/hello_00001_.txt") == "Hello, World!")
    }
}
