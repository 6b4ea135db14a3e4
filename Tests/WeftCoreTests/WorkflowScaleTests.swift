import OrderedCollections
import Testing

@testable import WeftCore

/// Large, deep, odd and hostile inputs for the JSON reader and the workflow parser.
@Suite("Workflow parser at scale")
struct WorkflowScaleTests {
    @Test func tenMegabyteWorkflow() throws {
        let chunk = #"lorem ipsum é日😀 \n\"quoted\" \u00e9 "#
        let decodedChunk = "lorem ipsum é日😀 \n\"quoted\" é "
        let repeats = 300
        var text = "{"
        text.reserveCapacity(11_000_000)
        for index in 0..<1_000 {
            if index > 0 { text += ", " }
            text += #""\#(index)": {"class_type": "CLIPTextEncode", "inputs": {"text": ""#
            text += String(repeating: chunk, count: repeats)
            text += index == 0 ? #"", "clip": null}}"# : #"", "clip": ["\#(index - 1)", 1]}}"#
        }
        text += "}"
        #expect(text.utf8.count > 10_000_000)
        let workflow = try parseRequest(text).workflow
        #expect(workflow.nodes.count == 1_000)
        #expect(workflow.nodes["999"]?.inputs["text"] == .literal(.string(String(repeating: decodedChunk, count: repeats))))
        #expect(workflow.nodes["999"]?.inputs["clip"] == .link("998", 1))
        #expect(workflow.nodes["0"]?.inputs["clip"] == .literal(nil))
    }

    @Test func megabyteStringNodeWithSelfLinkIsACycle() throws {
        let text = #"{"0": {"class_type": "A", "inputs": {"x": ["0", 1], "t": "\#(String(repeating: "x", count: 1_000_000))"}}}"#
        #expect(problemLines(workflowError(text)) == [#"$["0"]: links form a cycle: 0 → 0"#])
    }

    @Test func hundredThousandNodes() throws {
        let count = 100_000
        var text = "{"
        text.reserveCapacity(count * 70)
        for index in 0..<count {
            if index > 0 { text += "," }
            text += #""n\#(index)":{"class_type":"Const","inputs":{"value":\#(index)}}"#
        }
        text += "}"
        let workflow = try parseRequest(text).workflow
        #expect(workflow.nodes.count == count)
        #expect(workflow.nodes.keys.first == "n0")
        #expect(workflow.nodes.keys.last == "n99999")
        #expect(workflow.nodes["n77777"]?.inputs["value"] == .literal(77_777))
        #expect(workflow.nodes["n77777"]?.classType == "Const")
    }

    @Test func hundredThousandDeepLinkChain() throws {
        let count = 100_000
        let workflow = try parseRequest(chain(count: count, reversed: false)).workflow
        #expect(workflow.nodes.count == count)
        #expect(workflow.nodes["99999"]?.inputs["a"] == .link("99998", 0))
        let topology = WorkflowTopology(workflow)
        #expect(topology.order == Array(0..<count))
        #expect(topology.cycle == nil)
    }

    @Test func hundredThousandDeepLinkChainListedBackwards() throws {
        let count = 100_000
        let workflow = try parseRequest(chain(count: count, reversed: true)).workflow
        #expect(workflow.nodes.keys.first == "99999")
        // Document index k holds node count-1-k, whose source is at index k+1: sources come last in the document.
        let order = try #require(WorkflowTopology(workflow).order)
        #expect(order == Array((0..<count).reversed()))
    }

    @Test func hundredThousandNodeCycle() throws {
        let count = 100_000
        // The chain closed into a ring: node 0 reads from the last node.
        let text = chain(count: count, reversed: false, closed: true)
        let error = try #require(workflowError(text))
        #expect(error.problems.count == 1)
        let problem = try #require(error.problems.first)
        #expect(problem.path.description == #"$["1"]"#)
        let ids = (1..<count).map(String.init) + ["0", "1"]
        #expect(problem.message == "links form a cycle: " + ids.joined(separator: " → "))
    }

    @Test func hundredThousandNodeRingHasNoOrder() throws {
        let count = 100_000
        let workflow = Workflow(
            nodes: OrderedDictionary(
                uniqueKeysWithValues: (0..<count).map { index in
                    let source = String(index == 0 ? count - 1 : index - 1)
                    return (String(index), WorkflowNode(id: String(index), classType: "A", inputs: ["a": .link(source, 0)]))
                }))
        let topology = WorkflowTopology(workflow)
        #expect(topology.order == nil)
        let cycle = try #require(topology.cycle)
        #expect(cycle.count == count)
        #expect(cycle.first == "1")
        #expect(cycle.last == "0")
    }

    @Test func unicodeIDsAndInputNames() throws {
        let text = #"""
            {"🎨": {"class_type": "画像", "inputs": {"提示": "猫 😺", "e\u0301": 1}},
             "节点": {"class_type": "B", "inputs": {"🔗": ["🎨", 0]}},
             "e\u0301": {"class_type": "C", "inputs": {"x": ["节点", 0], "👍🏽": ["e\u0301", 0]}}}
            """#
        let error = try #require(workflowError(text))
        // e\u0301 feeds itself through 👍🏽.
        #expect(problemLines(error).map { Array($0.unicodeScalars) } == [Array(#"$["é"]: links form a cycle: é → é"#.decomposedE.unicodeScalars)])

        let acyclic = text.replacingFirst(#""👍🏽": ["e\u0301", 0]"#, with: #""👍🏽": ["🎨", 0]"#)
        let workflow = try parseRequest(acyclic).workflow
        #expect(workflow.nodes.keys.map { Array($0.unicodeScalars) } == [["🎨"], ["节", "点"], ["e", "\u{301}"]])
        #expect(workflow.nodes["🎨"]?.classType == "画像")
        #expect(workflow.nodes["🎨"]?.inputs["提示"] == .literal("猫 😺"))
        #expect(workflow.nodes["节点"]?.inputs["🔗"] == .link("🎨", 0))
        let last = try #require(workflow.nodes.values.last)
        #expect(Array(last.id.unicodeScalars) == ["e", "\u{301}"])
        #expect(last.inputs.keys.map { Array($0.unicodeScalars) } == [["x"], ["👍", "\u{1F3FD}"]])
        #expect(WorkflowTopology(workflow).order == [0, 1, 2])
        #expect(
            workflow.json.serialized(style: .python).hasPrefix(
                #"{"\ud83c\udfa8": {"inputs": {"\u63d0\u793a": "\u732b \ud83d\ude3a", "e\u0301": 1}, "class_type": "\u753b\u50cf"}"#))

        let dangling = #"{"节点": {"class_type": "B", "inputs": {"🔗": ["不存在", 0], "名前": ["節", -1]}}, "e\u0301": {"class_type": 1}}"#
        let lines = problemLines(workflowError(dangling))
        let expected = [
            #"$["节点"].inputs["名前"][1]: bad output index -1: expected a whole number ≥ 0"#,
            #"$["é"].class_type: expected a string, found number"#.decomposedE,
            #"$["节点"].inputs["🔗"]: links to node '不存在', which is not in the workflow"#,
        ]
        #expect(lines.map { Array($0.unicodeScalars) } == expected.map { Array($0.unicodeScalars) })
    }

    @Test func nanAndHugeNumbersInInputs() throws {
        let text =
            #"{"1": {"class_type": "A", "inputs": {"nan": NaN, "inf": Infinity, "ninf": -Infinity, "big": 1e999, "digits": 123456789012345678901234567890123456789012, "u64": 18446744073709551615, "i128min": -170141183460469231731687303715884105728, "tiny": 1e-999, "negzero": -0.0}}}"#
        let inputs = try #require(try parseRequest(text).workflow.nodes["1"]?.inputs)
        guard case .literal(.double(let nan))? = inputs["nan"] else {
            Issue.record("NaN input is \(String(describing: inputs["nan"]))")
            return
        }
        #expect(nan.isNaN)
        #expect(inputs["inf"] == .literal(.double(.infinity)))
        #expect(inputs["ninf"] == .literal(.double(-.infinity)))
        #expect(inputs["big"] == .literal(.double(.infinity)))
        #expect(inputs["digits"] == .literal(.double(1.2345678901234568e41)))
        #expect(inputs["u64"] == .literal(.integer(Int128(UInt64.max))))
        #expect(inputs["i128min"] == .literal(.integer(.min)))
        #expect(inputs["tiny"] == .literal(.double(0)))
        #expect(inputs["negzero"] == .literal(.double(-0.0)))
        let python = try parseRequest(text).workflow.json.serialized(style: .python)
        #expect(
            python
                == #"{"1": {"inputs": {"nan": NaN, "inf": Infinity, "ninf": -Infinity, "big": Infinity, "digits": 1.2345678901234568e+41, "u64": 18446744073709551615, "i128min": -170141183460469231731687303715884105728, "tiny": 0.0, "negzero": -0.0}, "class_type": "A"}}"#
        )
    }

    @Test func randomBytesNeverCrash() {
        var generator = SplitMix64(seed: 0x5EED)
        let alphabet = Array(#"{}[]",:0123456789.-+eE truefalsnulNaNInfinity\u"class_type_inputs"#.utf8) + [0x0A, 0x09, 0xC3, 0xA9, 0xFF, 0x00]
        let sample = Array(sampleAPIPrompt.utf8)
        var successes = 0
        var failures = 0
        var brokenResults: [String] = []
        for round in 0..<3_000 {
            let bytes: [UInt8]
            switch round % 3 {
            case 0:
                bytes = (0..<Int.random(in: 0..<256, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            case 1:
                bytes = (0..<Int.random(in: 0..<256, using: &generator)).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
            default:
                bytes = mutate(sample, using: &generator)
            }
            do {
                let request = try WorkflowParser().parseRequest(bytes)
                successes += 1
                if let problem = structuralProblem(in: request.workflow) { brokenResults.append(problem) }
            } catch {
                failures += 1
                if error.problems.isEmpty { brokenResults.append("an error without problems") }
            }
        }
        #expect(successes + failures == 3_000)
        #expect(brokenResults.isEmpty, "\(brokenResults.prefix(5))")
        // The mutated samples reach deep into the parser: some still parse, most do not.
        #expect(successes > 50)
        #expect(failures > 1_000)
    }

    @Test func randomJSONRoundTrips() throws {
        var generator = SplitMix64(seed: 99)
        let sample = Array(#"{"a": [1, -2.5e3, "x\u00e9\n", {"b": null, "c": [true, false, NaN, -Infinity]}], "d": 18446744073709551616}"#.utf8)
        var parsed = 0
        for _ in 0..<2_000 {
            let bytes = mutate(sample, using: &generator)
            guard let value = try? JSONParser().parse(bytes) else { continue }
            parsed += 1
            for style in [JSONStyle.compact, .python] {
                let back = try JSONParser().parse(value.serialized(style: style))
                #expect(sameJSON(back, value), "\(value.serialized(style: style))")
            }
        }
        #expect(parsed > 50)
    }

    // MARK: helpers

    /// A document whose node i reads node i-1's output 0, listed forwards or backwards.
    private func chain(count: Int, reversed: Bool, closed: Bool = false) -> String {
        var text = "{"
        text.reserveCapacity(count * 64)
        let indexes = reversed ? Array((0..<count).reversed()) : Array(0..<count)
        for (position, index) in indexes.enumerated() {
            if position > 0 { text += ",\n" }
            if index == 0 {
                text += closed ? #""0": {"class_type": "Start", "inputs": {"a": ["\#(count - 1)", 0]}}"# : #""0": {"class_type": "Start"}"#
            } else {
                text += #""\#(index)": {"class_type": "Add", "inputs": {"a": ["\#(index - 1)", 0]}}"#
            }
        }
        return text + "}"
    }

    /// A few random byte edits: overwrite, insert, delete, or truncate.
    private func mutate(_ bytes: [UInt8], using generator: inout SplitMix64) -> [UInt8] {
        var result = bytes
        for _ in 0..<Int.random(in: 1...3, using: &generator) {
            guard !result.isEmpty else { break }
            let position = Int.random(in: 0..<result.count, using: &generator)
            let interesting: [UInt8] = Array(#"{}[]",:0-.eN\"#.utf8) + [0x00, 0x80, 0xFF]
            let byte =
                Bool.random(using: &generator)
                ? interesting[Int.random(in: 0..<interesting.count, using: &generator)]
                : UInt8.random(in: 0...255, using: &generator)
            switch Int.random(in: 0..<4, using: &generator) {
            case 0: result[position] = byte
            case 1: result.insert(byte, at: position)
            case 2: result.remove(at: position)
            default: result.removeSubrange(position...)
            }
        }
        return result
    }

    /// What is wrong with a workflow the parser accepted, if anything: every link must resolve to a node
    /// with a non-negative output index, and the graph must have a topological order.
    private func structuralProblem(in workflow: Workflow) -> String? {
        for (id, node) in workflow.nodes {
            if node.id != id { return "node \(id) has id \(node.id)" }
            for (name, input) in node.inputs {
                if case .link(let source, let index) = input {
                    if workflow.nodes[source] == nil { return "\(id).\(name) links to missing \(source)" }
                    if index < 0 { return "\(id).\(name) has index \(index)" }
                }
            }
        }
        return WorkflowTopology(workflow).order == nil ? "accepted a cycle" : nil
    }
}

extension String {
    /// This text with its first occurrence of `target` replaced (no Foundation needed).
    func replacingFirst(_ target: String, with replacement: String) -> String {
        let scalars = Array(unicodeScalars)
        let needle = Array(target.unicodeScalars)
        guard !needle.isEmpty, scalars.count >= needle.count else { return self }
        for start in 0...(scalars.count - needle.count) where scalars[start..<start + needle.count].elementsEqual(needle) {
            var result = String.UnicodeScalarView()
            result.append(contentsOf: scalars[..<start])
            result.append(contentsOf: replacement.unicodeScalars)
            result.append(contentsOf: scalars[(start + needle.count)...])
            return String(result)
        }
        return self
    }

    /// This text with every precomposed "é" spelled as "e" plus a combining acute accent.
    var decomposedE: String {
        var result = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            if scalar == "\u{E9}" {
                result.append("e")
                result.append("\u{301}")
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }
}
