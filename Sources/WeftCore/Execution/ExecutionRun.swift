import DequeModule
import OrderedCollections

/// The state of one prompt run: which nodes are done, waiting, ready or running. Lives in the executing task
/// only; node calls run in child tasks and report back.
final class ExecutionRun {
    private let plan: ExecutionPlan
    private let context: PromptRunContext
    private let cache: OutputCache
    private let maxConcurrentNodes: Int
    private let emit: @Sendable (ExecutionEvent) -> Void
    private let outputNodes: Set<NodeID>

    private var keys: [NodeID: CacheKey] = [:]
    private var results: [NodeID: NodeResult] = [:]
    private var cachedAtStart: [NodeID] = []
    /// Nodes added to the run and not yet done.
    private var pending: Set<NodeID> = []
    /// For each pending node, the unfinished nodes it waits for.
    private var blockers: [NodeID: Set<NodeID>] = [:]
    /// For each unfinished node, the nodes waiting for it.
    private var dependents: [NodeID: [NodeID]] = [:]
    /// Ready nodes; output nodes go first so results appear early (ComfyUI's preference, simplified).
    private var readyOutputs = Deque<NodeID>()
    private var readyOthers = Deque<NodeID>()
    private var queued: Set<NodeID> = []
    private var running: OrderedSet<NodeID> = []
    private var announced: Set<NodeID> = []
    private var executed: [NodeID] = []
    private var messages: [ExecutionEvent] = []
    private var failure: ExecutionErrorReport?
    private var interruptedNode: NodeID?
    private var wasInterrupted = false
    private lazy var promptJSON = Value.json(plan.workflow.json)

    init(
        plan: ExecutionPlan,
        context: PromptRunContext,
        cache: OutputCache,
        configuration: ExecutorConfiguration,
        emit: @escaping @Sendable (ExecutionEvent) -> Void
    ) {
        self.plan = plan
        self.context = context
        self.cache = cache
        self.maxConcurrentNodes = configuration.maxConcurrentNodes
        self.emit = emit
        self.outputNodes = Set(plan.outputs)
    }

    func execute() async -> ExecutionOutcome {
        record(.executionStart(promptID: context.promptID, timestamp: ExecutionEvent.now()))
        await computeKeys()
        for id in plan.nodes.keys {
            if let result = cache.lookup(keys[id]!) {
                results[id] = result
                cachedAtStart.append(id)
            }
        }
        record(.executionCached(nodes: cachedAtStart, promptID: context.promptID, timestamp: ExecutionEvent.now()))
        for output in plan.outputs {
            if let result = results[output] {
                emit(.executed(node: output, displayNode: output, output: result.uiJSON, promptID: context.promptID))
            } else {
                enqueue(output)
            }
        }
        await schedule()
        return finish()
    }

    // MARK: cache keys

    private func computeKeys() async {
        var builder = CacheKeyBuilder()
        for planned in plan.nodes.values {
            var literals = NodeInputs()
            for case (let name, .value(let value)) in planned.inputs { literals.lists[name] = [value] }
            let fingerprint: Fingerprint?
            do {
                fingerprint = try await planned.node.fingerprint(literals, context: nodeContext(for: planned))
            } catch {
                fingerprint = .alwaysChanged
            }
            builder.add(planned, fingerprint: fingerprint)
        }
        keys = builder.keys
    }

    // MARK: scheduling

    /// Adds a node and, without recursion, every unfinished non-lazy source it needs.
    private func enqueue(_ root: NodeID) {
        var stack = [root]
        while let id = stack.popLast() {
            guard results[id] == nil, pending.insert(id).inserted else { continue }
            let planned = plan.nodes[id]!
            var waitsFor = Set<NodeID>()
            for (name, input) in planned.inputs {
                guard case .link(let source, _) = input, results[source] == nil,
                    planned.schema.input(named: name)?.isLazy != true
                else { continue }
                if waitsFor.insert(source).inserted {
                    dependents[source, default: []].append(id)
                    stack.append(source)
                }
            }
            blockers[id] = waitsFor
            if waitsFor.isEmpty { markReady(id) }
        }
    }

    private func markReady(_ id: NodeID) {
        guard pending.contains(id), !running.contains(id), queued.insert(id).inserted else { return }
        if outputNodes.contains(id) { readyOutputs.append(id) } else { readyOthers.append(id) }
    }

    private func nextReady() -> NodeID? {
        guard let id = readyOutputs.popFirst() ?? readyOthers.popFirst() else { return nil }
        queued.remove(id)
        return id
    }

    /// Runs the scheduler in a child task that an interrupt cancels: cancellation then reaches whichever nodes are
    /// running, whether inline in the scheduler or in their own child tasks.
    private func schedule() async {
        let interruption = context.interruption
        let scheduler = SchedulerHandle(run: self)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await scheduler.run.runNodes() }
            group.addTask { await interruption.waitUntilRaised() }
            await group.next()
            group.cancelAll()
        }
    }

    /// Starts ready nodes until none is left. A node that is the only one ready while nothing runs is executed
    /// inline, saving two thread hops per node on chains; otherwise ready nodes fan out to child tasks.
    private func runNodes() async {
        await withTaskGroup(of: (NodeID, NodeInvocation.Attempt).self) { group in
            while true {
                if failure == nil, !wasInterrupted, Task.isCancelled || context.interruption.isRaised {
                    wasInterrupted = true
                    interruptedNode = interruptedNode ?? running.first
                }
                let mayLaunch = failure == nil && !wasInterrupted
                if mayLaunch, running.isEmpty, queued.count == 1, let id = nextReady() {
                    let invocation = start(id)
                    let attempt = await invocation.attempt()
                    running.remove(id)
                    if handle(attempt, of: id) == .stop { group.cancelAll() }
                    continue
                }
                while mayLaunch, running.count < maxConcurrentNodes, let id = nextReady() {
                    let invocation = start(id)
                    group.addTask { (id, await invocation.attempt()) }
                }
                guard !running.isEmpty, let (id, attempt) = await group.next() else { return }
                running.remove(id)
                if handle(attempt, of: id) == .stop { group.cancelAll() }
            }
        }
    }

    /// Marks a node running (announcing it the first time) and snapshots what its attempt needs.
    private func start(_ id: NodeID) -> NodeInvocation {
        let planned = plan.nodes[id]!
        if announced.insert(id).inserted {
            emit(.progressState(node: id, state: .running, promptID: context.promptID))
            emit(.executing(node: id, displayNode: id, promptID: context.promptID))
        }
        running.append(id)
        return NodeInvocation(planned: planned, inputs: gatherInputs(of: planned), context: nodeContext(for: planned))
    }

    private enum Continuation { case proceed, stop }

    private func handle(_ attempt: NodeInvocation.Attempt, of id: NodeID) -> Continuation {
        switch attempt {
        case .completed(let result):
            results[id] = result
            pending.remove(id)
            executed.append(id)
            cache.store(result, for: keys[id]!)
            if let ui = result.uiJSON {
                emit(.executed(node: id, displayNode: id, output: ui, promptID: context.promptID))
            }
            emit(.progressState(node: id, state: .finished, promptID: context.promptID))
            for dependent in dependents.removeValue(forKey: id) ?? [] {
                blockers[dependent]?.remove(id)
                if blockers[dependent]?.isEmpty == true { markReady(dependent) }
            }
            return .proceed
        case .needsLazyInputs(let names):
            let planned = plan.nodes[id]!
            for name in names {
                guard case .link(let source, _)? = planned.inputs[name], results[source] == nil else { continue }
                if blockers[id, default: []].insert(source).inserted {
                    dependents[source, default: []].append(id)
                }
                enqueue(source)
            }
            if blockers[id]?.isEmpty != false { markReady(id) }
            return .proceed
        case .failed(let error, let inputs):
            guard failure == nil, !wasInterrupted else { return .stop }
            if error is ExecutionInterrupted || error is CancellationError {
                wasInterrupted = true
                interruptedNode = interruptedNode ?? id
            } else {
                failure = errorReport(error, node: id, inputs: inputs)
                emit(.progressState(node: id, state: .error, promptID: context.promptID))
            }
            return .stop
        }
    }

    // MARK: inputs and context

    private func gatherInputs(of planned: PlannedNode) -> [String: [Value]] {
        var lists: [String: [Value]] = [:]
        for (name, input) in planned.inputs {
            switch input {
            case .value(let value): lists[name] = [value]
            case .link(let source, let slot):
                if let result = results[source] { lists[name] = result.slots[slot] }
            }
        }
        for spec in planned.schema.inputs where spec.section == .hidden {
            if let value = hiddenValue(spec.hiddenKind, node: planned.id) { lists[spec.name] = [value] }
        }
        return lists
    }

    private func hiddenValue(_ kind: HiddenInputKind?, node: NodeID) -> Value? {
        switch kind {
        case .prompt?, .dynamicPrompt?: promptJSON
        case .uniqueID?: .string(node)
        case .extraPNGInfo?: context.extraData["extra_pnginfo"].map(Value.init)
        case .authTokenComfyOrg?: context.extraData["auth_token_comfy_org"].map(Value.init)
        case .apiKeyComfyOrg?: context.extraData["api_key_comfy_org"].map(Value.init)
        case nil: nil
        }
    }

    private func nodeContext(for planned: PlannedNode) -> NodeContext {
        let (emit, promptID, node) = (emit, context.promptID, planned.id)
        return NodeContext(
            nodeID: node, classType: planned.schema.className, promptID: promptID,
            directories: context.directories, interruption: context.interruption,
            progressHandler: { value, total in emit(.progress(value: value, max: total, node: node, promptID: promptID)) }
        )
    }

    // MARK: outcome

    private func record(_ event: ExecutionEvent) {
        messages.append(event)
        emit(event)
    }

    private func finish() -> ExecutionOutcome {
        let status: ExecutionOutcome.Status
        if let failure {
            record(.executionError(failure))
            status = .failed(failure)
        } else if wasInterrupted || !pending.isEmpty {
            let node = interruptedNode ?? plan.nodes.keys.first { pending.contains($0) }
            let report = InterruptionReport(
                promptID: context.promptID, nodeID: node, nodeType: node.flatMap { plan.nodes[$0]?.schema.className },
                executed: executed, timestamp: ExecutionEvent.now()
            )
            record(.executionInterrupted(report))
            status = .interrupted(report)
        } else {
            record(.executionSuccess(promptID: context.promptID, timestamp: ExecutionEvent.now()))
            status = .success
        }
        var outputs = OrderedDictionary<NodeID, JSONValue>()
        for id in plan.nodes.keys {
            if let ui = results[id]?.uiJSON { outputs[id] = ui }
        }
        return ExecutionOutcome(
            promptID: context.promptID, status: status, outputs: outputs, results: results,
            executed: executed, cached: cachedAtStart, messages: messages
        )
    }

    private func errorReport(_ error: any Error, node: NodeID, inputs: [String: [Value]]) -> ExecutionErrorReport {
        let planned = plan.nodes[node]!
        var summary = OrderedDictionary<String, [JSONValue]>()
        for spec in planned.schema.inputs where spec.section != .hidden {
            if let items = inputs[spec.name] { summary[spec.name] = items.map(Self.summarise) }
        }
        return ExecutionErrorReport(
            promptID: context.promptID, nodeID: node, nodeType: planned.schema.className, executed: executed,
            exceptionMessage: String(describing: error), exceptionType: String(reflecting: type(of: error)),
            traceback: [], currentInputs: summary, currentOutputs: cachedAtStart, timestamp: ExecutionEvent.now()
        )
    }

    /// An input item as error reports show it: plain values as JSON (long strings cut), payloads as their summary.
    private static func summarise(_ value: Value) -> JSONValue {
        let limit = 2_000
        switch value {
        case .string(let text) where text.count > limit: return .string(String(text.prefix(limit)) + "…")
        case .custom(let payload): return .string(payload.summary)
        default: return value.json ?? .null
        }
    }
}

/// Lets the scheduler's child task use the run. Sound because exactly one task touches the run at a time: the
/// child task while it schedules, and the executing task only after the child has finished.
private struct SchedulerHandle: @unchecked Sendable {
    let run: ExecutionRun
}
