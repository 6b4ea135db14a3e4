import Foundation
import OrderedCollections
import Testing

@testable import WeftCore

@Suite("Executor")
struct ExecutorTests {
    let catalogue = TestCatalogue()

    @Test("only ancestors of the selected outputs run")
    func onlyNeededNodesRun() async throws {
        let plan = try makePlan(
            #"""
            {"1": {"class_type": "TestText", "inputs": {"text": "used"}},
             "2": {"class_type": "TestText", "inputs": {"text": "unused"}},
             "3": {"class_type": "TestShow", "inputs": {"value": ["1", 0]}}}
            """#, registry: try catalogue.registry())
        let outcome = await run(plan, executor: PromptExecutor())
        #expect(outcome.status == .success)
        #expect(Set(catalogue.log.ids) == ["1", "3"])
        #expect(outcome.outputs["3"] == ["text": ["\"used\""]])
    }

    @Test("the unchosen lazy branch never runs, the chosen one runs once")
    func lazyBranchNeverRuns() async throws {
        let plan = try makePlan(
            #"""
            {"1": {"class_type": "TestText", "inputs": {"text": "no"}},
             "2": {"class_type": "TestText", "inputs": {"text": "yes"}},
             "3": {"class_type": "TestJoin", "inputs": {"a": ["2", 0], "b": ["2", 0]}},
             "4": {"class_type": "TestSwitch", "inputs": {"switch": true, "on_false": ["1", 0], "on_true": ["3", 0]}},
             "5": {"class_type": "TestShow", "inputs": {"value": ["4", 0]}}}
            """#, registry: try catalogue.registry())
        let outcome = await run(plan, executor: PromptExecutor())
        #expect(outcome.status == .success)
        #expect(catalogue.log.count(of: "1") == 0)
        #expect(catalogue.log.count(of: "2") == 1)
        #expect(catalogue.log.count(of: "3") == 1)
        #expect(catalogue.log.count(of: "4") == 1)
        #expect(outcome.outputs["5"] == ["text": ["\"yesyes\""]])
        #expect(catalogue.log.ids.firstIndex(of: "3")! < catalogue.log.ids.firstIndex(of: "4")!)
    }

    @Test("a second identical run executes nothing and reports every node cached")
    func cacheReuseAcrossRuns() async throws {
        let executor = PromptExecutor()
        let json = #"""
            {"1": {"class_type": "TestText", "inputs": {"text": "a"}},
             "2": {"class_type": "TestText", "inputs": {"text": "b"}},
             "3": {"class_type": "TestJoin", "inputs": {"a": ["1", 0], "b": ["2", 0]}},
             "4": {"class_type": "TestShow", "inputs": {"value": ["3", 0]}}}
            """#
        let plan = try makePlan(json, registry: try catalogue.registry())
        let first = await run(plan, executor: executor)
        #expect(first.executed.count == 4)
        #expect(first.cached.isEmpty)

        let events = EventRecorder()
        let second = await run(plan, executor: executor, events: events)
        #expect(second.status == .success)
        #expect(second.executed.isEmpty)
        #expect(Set(second.cached) == ["1", "2", "3", "4"])
        #expect(catalogue.log.ids.count == 4)
        #expect(second.outputs == first.outputs)
        #expect(events.types == ["execution_start", "execution_cached", "executed", "execution_success"])
    }

    @Test("changing one literal re-runs exactly that node and its descendants")
    func literalInvalidation() async throws {
        let executor = PromptExecutor()
        let template = #"""
            {"1": {"class_type": "TestText", "inputs": {"text": "a"}},
             "2": {"class_type": "TestText", "inputs": {"text": "%@"}},
             "3": {"class_type": "TestJoin", "inputs": {"a": ["1", 0], "b": ["2", 0]}},
             "4": {"class_type": "TestShow", "inputs": {"value": ["1", 0]}},
             "5": {"class_type": "TestShow", "inputs": {"value": ["3", 0]}}}
            """#
        let registry = try catalogue.registry()
        _ = await run(try makePlan(template.replacingOccurrences(of: "%@", with: "b"), registry: registry), executor: executor)
        let changed = await run(try makePlan(template.replacingOccurrences(of: "%@", with: "c"), registry: registry), executor: executor)
        #expect(Set(changed.executed) == ["2", "3", "5"])
        #expect(Set(changed.cached) == ["1", "4"])
        #expect(changed.outputs["5"] == ["text": ["\"ac\""]])
    }

    @Test("a changed fingerprint invalidates the node and its descendants; alwaysChanged never hits")
    func fingerprintInvalidation() async throws {
        let executor = PromptExecutor()
        let plan = try makePlan(
            #"""
            {"1": {"class_type": "TestFile", "inputs": {"path": "x.png"}},
             "2": {"class_type": "TestShow", "inputs": {"value": ["1", 0]}},
             "3": {"class_type": "TestText", "inputs": {"text": "still"}},
             "4": {"class_type": "TestShow", "inputs": {"value": ["3", 0]}},
             "5": {"class_type": "TestClock", "inputs": {}},
             "6": {"class_type": "TestShow", "inputs": {"value": ["5", 0]}}}
            """#, registry: try catalogue.registry())
        _ = await run(plan, executor: executor)
        let unchanged = await run(plan, executor: executor)
        #expect(Set(unchanged.executed) == ["5", "6"])
        catalogue.fileVersion.bump()
        let changed = await run(plan, executor: executor)
        #expect(Set(changed.executed) == ["1", "2", "5", "6"])
        #expect(Set(changed.cached) == ["3", "4"])
    }

    @Test("identical subgraphs under different ids share one result")
    func identicalSubgraphsShareResults() async throws {
        let plan = try makePlan(
            #"""
            {"1": {"class_type": "TestText", "inputs": {"text": "same"}},
             "2": {"class_type": "TestText", "inputs": {"text": "same"}},
             "3": {"class_type": "TestShow", "inputs": {"value": ["1", 0]}}}
            """#, registry: try catalogue.registry())
        let executor = PromptExecutor()
        _ = await run(plan, executor: executor)
        let other = try makePlan(
            #"""
            {"7": {"class_type": "TestText", "inputs": {"text": "same"}},
             "8": {"class_type": "TestShow", "inputs": {"value": ["7", 0]}}}
            """#, registry: try catalogue.registry())
        let second = await run(other, executor: executor)
        #expect(second.executed.isEmpty)
        #expect(Set(second.cached) == ["7", "8"])
    }

    @Test("list outputs map a normal node over each item; an input-is-list node sees the whole list")
    func listMapping() async throws {
        let plan = try makePlan(
            #"""
            {"1": {"class_type": "TestSplit", "inputs": {"text": "x,y,z"}},
             "2": {"class_type": "TestText", "inputs": {"text": "-"}},
             "3": {"class_type": "TestJoin", "inputs": {"a": ["1", 0], "b": ["2", 0]}},
             "4": {"class_type": "TestShow", "inputs": {"value": ["3", 0]}},
             "5": {"class_type": "TestCount", "inputs": {"items": ["3", 0]}},
             "6": {"class_type": "TestShow", "inputs": {"value": ["5", 0]}}}
            """#, registry: try catalogue.registry())
        let outcome = await run(plan, executor: PromptExecutor())
        #expect(outcome.status == .success)
        #expect(outcome.results["3"]?.slots[0].map(\.summary) == ["\"x-\"", "\"y-\"", "\"z-\""])
        #expect(catalogue.log.count(of: "3") == 3)
        #expect(catalogue.log.count(of: "5") == 1)
        #expect(outcome.outputs["6"] == ["text": ["3"]])
        #expect(outcome.outputs["4"] == ["text": ["\"x-\"", "\"y-\"", "\"z-\""]])
    }

    @Test("two independent 300 ms nodes finish in well under 600 ms, with the same results as a serial run")
    func independentNodesRunConcurrently() async throws {
        let json = #"""
            {"1": {"class_type": "TestSleep", "inputs": {"milliseconds": 300, "text": "left"}},
             "2": {"class_type": "TestSleep", "inputs": {"milliseconds": 300, "text": "right"}},
             "3": {"class_type": "TestJoin", "inputs": {"a": ["1", 0], "b": ["2", 0]}},
             "4": {"class_type": "TestShow", "inputs": {"value": ["3", 0]}}}
            """#
        let plan = try makePlan(json, registry: try catalogue.registry())
        let clock = ContinuousClock()
        var concurrent: ExecutionOutcome?
        let concurrentTime = await clock.measure { concurrent = await run(plan, executor: PromptExecutor()) }
        var serial: ExecutionOutcome?
        let serialTime = await clock.measure {
            serial = await run(plan, executor: PromptExecutor(configuration: ExecutorConfiguration(maxConcurrentNodes: 1)))
        }
        #expect(concurrentTime < .milliseconds(450), "took \(concurrentTime)")
        #expect(serialTime >= .milliseconds(600), "took \(serialTime)")
        #expect(concurrent?.outputs == serial?.outputs)
        #expect(concurrent?.outputs["4"] == ["text": ["\"leftright\""]])
    }

    @Test("an interrupt stops the running node at once and ends the prompt interrupted")
    func interruptionMidRun() async throws {
        let plan = try makePlan(
            #"""
            {"1": {"class_type": "TestSleep", "inputs": {"milliseconds": 10000, "text": "slow"}},
             "2": {"class_type": "TestShow", "inputs": {"value": ["1", 0]}}}
            """#, registry: try catalogue.registry())
        let flag = InterruptionFlag()
        let events = EventRecorder()
        let clock = ContinuousClock()
        let started = clock.now
        async let outcome = run(plan, executor: PromptExecutor(), interruption: flag, events: events)
        try await Task.sleep(for: .milliseconds(100))
        flag.raise()
        let result = await outcome
        #expect(clock.now - started < .seconds(2))
        guard case .interrupted(let report) = result.status else {
            Issue.record("expected an interruption, got \(result.status)")
            return
        }
        #expect(report.nodeID == "1")
        #expect(report.nodeType == "TestSleep")
        #expect(report.executed.isEmpty)
        #expect(catalogue.log.count(of: "2") == 0)
        #expect(events.types.last == "execution_interrupted")
        #expect(result.statusString == "error")
    }

    @Test("a node error stops the prompt and reports node, class, message, type and inputs")
    func nodeErrorReport() async throws {
        let plan = try makePlan(
            #"""
            {"1": {"class_type": "TestText", "inputs": {"text": "ok"}},
             "2": {"class_type": "TestFail", "inputs": {"text": "bad input"}},
             "3": {"class_type": "TestJoin", "inputs": {"a": ["1", 0], "b": ["2", 0]}},
             "4": {"class_type": "TestShow", "inputs": {"value": ["3", 0]}}}
            """#, registry: try catalogue.registry())
        let events = EventRecorder()
        let outcome = await run(plan, executor: PromptExecutor(configuration: .init(maxConcurrentNodes: 1)), events: events)
        guard case .failed(let report) = outcome.status else {
            Issue.record("expected a failure, got \(outcome.status)")
            return
        }
        #expect(report.nodeID == "2")
        #expect(report.nodeType == "TestFail")
        #expect(report.exceptionMessage == "refused: bad input")
        #expect(report.exceptionType == "WeftCoreTests.TestFailure")
        #expect(report.currentInputs == ["text": ["bad input"]])
        #expect(catalogue.log.count(of: "3") == 0)
        #expect(events.types.last == "execution_error")
        let data = try #require(events.all.last?.data.objectValue)
        #expect(
            Array(data.keys) == [
                "prompt_id", "node_id", "node_type", "executed", "exception_message", "exception_type", "traceback",
                "current_inputs", "current_outputs", "timestamp",
            ])
    }

    @Test("events follow ComfyUI's order and shapes")
    func eventOrderAndShapes() async throws {
        let plan = try makePlan(
            #"""
            {"1": {"class_type": "TestSteps", "inputs": {"steps": 3}},
             "2": {"class_type": "TestShow", "inputs": {"value": ["1", 0]}}}
            """#, registry: try catalogue.registry())
        let events = EventRecorder()
        let outcome = await run(plan, executor: PromptExecutor(), events: events)
        #expect(
            events.types == [
                "execution_start", "execution_cached", "progress_state", "executing", "progress", "progress", "progress",
                "progress_state", "progress_state", "executing", "executed", "progress_state", "execution_success",
            ])
        let promptID = JSONValue.string(outcome.promptID)
        let progress = events.all.filter { $0.type == "progress" }.map(\.data)
        #expect(progress.last == ["value": 3, "max": 3, "prompt_id": promptID, "node": "1"])
        #expect(events.all[3].data == ["node": "1", "display_node": "1", "prompt_id": promptID])
        #expect(events.all[10].message["data"]?["output"] == ["text": ["3"]])
        #expect(
            events.all[7].data == [
                "prompt_id": promptID,
                "nodes": [
                    "1": [
                        "value": 1, "max": 1, "state": "finished", "node_id": "1", "prompt_id": promptID,
                        "display_node_id": "1", "parent_node_id": nil, "real_node_id": "1",
                    ]
                ],
            ])
        #expect(outcome.messages.map(\.type) == ["execution_start", "execution_cached", "execution_success"])
    }

    @Test("a 20,000-node chain runs without deep recursion")
    func longChain() async throws {
        var nodes = [#""0": {"class_type": "TestText", "inputs": {"text": "x"}}"#, #""empty": {"class_type": "TestText", "inputs": {"text": ""}}"#]
        for index in 1..<20_000 {
            nodes.append(#""\#(index)": {"class_type": "TestJoin", "inputs": {"a": ["\#(index - 1)", 0], "b": ["empty", 0]}}"#)
        }
        nodes.append(#""out": {"class_type": "TestShow", "inputs": {"value": ["19999", 0]}}"#)
        let plan = try makePlan("{" + nodes.joined(separator: ",") + "}", registry: try catalogue.registry())
        let outcome = await run(plan, executor: PromptExecutor())
        #expect(outcome.status == .success)
        #expect(outcome.executed.count == 20_002)
        #expect(outcome.outputs["out"] == ["text": ["\"x\""]])
    }
}
