import OrderedCollections
import Testing
import WeftCore

/// `weft nodes`: the readable catalogue and `/object_info` JSON.
@Suite struct NodesCommandTests {
    @Test func jsonForOneClassHasObjectInfoFields() async throws {
        let data = try TemporaryDirectory()
        defer { data.remove() }

        let result = try await weft("nodes", "--json", "StringConcatenate", in: data.url)
        #expect(result.status == 0)
        let info = try #require(try JSONParser().parse(result.stdout)["StringConcatenate"])
        let keys = info.objectValue.map { Array($0.keys) } ?? []
        #expect(
            keys == [
                "input", "input_order", "output", "output_is_list", "output_name", "name", "display_name", "description",
                "python_module", "category", "output_node",
            ])
        #expect(info["input"]?["required"]?["string_a"] == ["STRING", ["default": "", "multiline": true]])
        #expect(info["input_order"]?["required"] == ["string_a", "string_b", "delimiter"])
        #expect(info["output"] == ["STRING"])
        #expect(info["display_name"] == "Concatenate")
        #expect(info["output_node"] == false)
    }

    @Test func jsonForAllNodesAndUnknownClass() async throws {
        let data = try TemporaryDirectory()
        defer { data.remove() }

        let all = try await weft("nodes", "--json", in: data.url)
        #expect(all.status == 0)
        let catalogue = try JSONParser().parse(all.stdout)
        for name in ["PrimitiveString", "StringConcatenate", "ComfySwitchNode", "IntMath", "PreviewAny", "SaveText"] {
            #expect(catalogue[name]?["name"] == .string(name))
        }

        let unknown = try await weft("nodes", "--json", "NoSuchNode", in: data.url)
        #expect(unknown.status == 0)
        #expect(unknown.stdout == "{}\n")
    }

    @Test func textListAndDetails() async throws {
        let data = try TemporaryDirectory()
        defer { data.remove() }

        let list = try await weft("nodes", in: data.url)
        #expect(list.status == 0)
        #expect(list.stdout.contains("utils/math:"))
        #expect(list.stdout.contains("IntMath"))
        #expect(list.stdout.contains("(a: INT, b: INT, operation: COMBO) → INT"))

        let detail = try await weft("nodes", "IntMath", in: data.url)
        #expect(detail.status == 0)
        #expect(detail.stdout.hasPrefix("IntMath — Int Math\n"))
        #expect(detail.stdout.contains("one of: add, subtract, multiply, divide"))
        #expect(detail.stdout.contains("outputs:\n  0  INT"))

        let unknown = try await weft("nodes", "intmat", in: data.url)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no node class 'intmat'"))
        #expect(unknown.stderr.contains("IntMath"))
    }

    @Test func helpIsAvailableEverywhere() async throws {
        let data = try TemporaryDirectory()
        defer { data.remove() }
        for arguments in [["--help"], ["run", "--help"], ["validate", "--help"], ["nodes", "--help"]] {
            let result = try await WeftProcess(arguments: arguments, directory: data.url).run()
            #expect(result.status == 0)
            #expect(result.stdout.contains("USAGE: weft"))
        }
        let bad = try await weft("run", "--no-such-option", "x.json", in: data.url)
        #expect(bad.status == 2)
    }
}
