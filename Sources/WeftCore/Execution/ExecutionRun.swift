import DequeModule
import OrderedCollections

/// The state of one prompt run: which nodes are done, waiting, ready or running. Nodes are known by their position
/// in the plan, so the bookkeeping is array indexing rather than hashing ids. Lives in one task at a time (see
/// ``SchedulerHandle``); node calls run inline or in child tasks and report back.
final class ExecutionRun {
    private let plan: ExecutionPlan
    private let ids: [NodeID]
    private let nodes: [PlannedNode]
    private let context: PromptRunContext
    private let cache: OutputCache
    private let maxConcurrentNodes: Int
    private let maxConcurrentAPINodes: Int
    private let redactor: (any SecretRedactor)?
    private let emit: @Sendable (ExecutionEvent) -> Void
    private let isOutput: [Bool]
    /// API nodes wait on remote services and have their own concurrency limit.
    private let isAPINode: [Bool]

    private var keys: [CacheKey] = []
    private var contexts: [NodeContext] = []
    private var results: [NodeResult?]
    private var cachedAtStart: [Int] = []
    /// Nodes added to the run and not yet done.
    private var isPending: [Bool]
    private var pendingCount = 0
    /// For each pending node, how many unfinished nodes it waits for.
    private var unmet: [Int]
    /// For each unfinished node, the nodes waiting for it (no repeats).
    private var dependents: [[Int]]
    /// Ready nodes; output nodes go first so results appear early (ComfyUI's preference, simplified).
    private var readyOutputs = Deque<Int>()
    private var readyOthers = Deque<Int>()
    private var isQueued: [Bool]
    private var isAnnounced: [Bool]
    private var running: OrderedSet<Int> = []
    private var runningAPINodes = 0
    private var executed: [Int] = []
    private var messages: [ExecutionEvent] = []
    private var failure: ExecutionErrorReport?
    private var interruptedNode: Int?
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
        ids = Array(plan.nodes.keys)
        nodes = Array(plan.nodes.values)
        self.context = context
        self.cache = cache
        maxConcurrentNodes = configuration.maxConcurrentNodes
        maxConcurrentAPINodes = configuration.maxConcurrentAPINodes
        redactor = configuration.redactor
        self.emit = emit
        let outputs = Set(plan.outputs)
        isOutput = ids.map(outputs.contains)
        isAPINode = nodes.map(\.schema.isAPINode)
        let count = ids.count
        results = Array(repeating: nil, count: count)
        isPending = Array(repeating: false, count: count)
        unmet = Array(repeating: 0, count: count)
        dependents = Array(repeating: [], count: count)
        isQueued = Array(repeating: false, count: count)
        isAnnounced = Array(repeating: false, count: count)
    }

    func execute() async -> ExecutionOutcome {
        record(.executionStart(promptID: context.promptID, timestamp: ExecutionEvent.now()))
        await computeKeys()
        for index in nodes.indices {
            if let result = cache.lookup(keys[index]) {
                results[index] = result
                cachedAtStart.append(index)
            }
        }
        record(.executionCached(nodes: cachedAtStart.map { ids[$0] }, promptID: context.promptID, timestamp: ExecutionEvent.now()))
        for output in plan.outputs {
            let index = plan.nodes.index(forKey: output)!
            if let result = results[index] {
                emit(.executed(node: output, displayNode: output, output: shownUI(of: result), promptID: context.promptID))
            } else {
                enqueue(index)
            }
        }
        await schedule()
        return finish()
    }

    // MARK: cache keys

    private func computeKeys() async {
        var builder = CacheKeyBuilder()
        contexts.reserveCapacity(nodes.count)
        for (index, planned) in nodes.enumerated() {
            let nodeContext = makeContext(for: planned)
            contexts.append(nodeContext)
            var literals = NodeInputs()
            for case (let name, .value(let value)) in planned.inputs { literals.lists[name] = [value] }
            let fingerprint: Fingerprint?
            do {
                fingerprint = try await planned.node.fingerprint(literals, context: nodeContext)
            } catch {
                fingerprint = .alwaysChanged
            }
            builder.add(planned, inputs: plan.keyInputs[index], fingerprint: fingerprint)
        }
        keys = builder.keys
    }

    // MARK: scheduling

    /// Adds a node and, without recursion, every unfinished non-lazy source it needs.
    private func enqueue(_ root: Int) {
        var stack = [root]
        while let index = stack.popLast() {
            guard results[index] == nil, !isPending[index] else { continue }
            isPending[index] = true
            pendingCount += 1
            for link in plan.links[index] where !link.isLazy {
                if wait(index, for: link.source) { stack.append(link.source) }
            }
            if unmet[index] == 0 { markReady(index) }
        }
    }

    /// Makes `index` wait for an unfinished `source`; false when the source is done or already awaited.
    private func wait(_ index: Int, for source: Int) -> Bool {
        guard results[source] == nil, !dependents[source].contains(index) else { return false }
        dependents[source].append(index)
        unmet[index] += 1
        return true
    }

    private func markReady(_ index: Int) {
        guard isPending[index], !isQueued[index], !running.contains(index) else { return }
        isQueued[index] = true
        if isOutput[index] { readyOutputs.append(index) } else { readyOthers.append(index) }
    }

    /// The first ready node there is room for: API nodes count against `maxConcurrentAPINodes`, the others against
    /// `maxConcurrentNodes`.
    private func nextLaunchable() -> Int? {
        let localRoom = running.count - runningAPINodes < maxConcurrentNodes
        let apiRoom = runningAPINodes < maxConcurrentAPINodes
        func fits(_ index: Int) -> Bool { isAPINode[index] ? apiRoom : localRoom }
        let position: (queue: Bool, offset: Int)?
        if let offset = readyOutputs.firstIndex(where: fits) {
            position = (true, offset)
        } else if let offset = readyOthers.firstIndex(where: fits) {
            position = (false, offset)
        } else {
            position = nil
        }
        guard let position else { return nil }
        let index = position.queue ? readyOutputs.remove(at: position.offset) : readyOthers.remove(at: position.offset)
        isQueued[index] = false
        return index
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
        await withTaskGroup(of: (Int, NodeInvocation.Attempt).self) { group in
            while true {
                if failure == nil, !wasInterrupted, Task.isCancelled || context.interruption.isRaised {
                    wasInterrupted = true
                    interruptedNode = interruptedNode ?? running.first
                }
                let mayLaunch = failure == nil && !wasInterrupted
                if mayLaunch, running.isEmpty, readyOutputs.count + readyOthers.count == 1, let index = nextLaunchable() {
                    let attempt = await start(index).attempt()
                    stop(index)
                    if handle(attempt, of: index) == .stop { group.cancelAll() }
                    continue
                }
                while mayLaunch, let index = nextLaunchable() {
                    let invocation = start(index)
                    group.addTask { (index, await invocation.attempt()) }
                }
                guard !running.isEmpty, let (index, attempt) = await group.next() else { return }
                stop(index)
                if handle(attempt, of: index) == .stop { group.cancelAll() }
            }
        }
    }

    /// Marks a node running (announcing it the first time) and snapshots what its attempt needs.
    private func start(_ index: Int) -> NodeInvocation {
        if !isAnnounced[index] {
            isAnnounced[index] = true
            emit(.progressState(node: ids[index], state: .running, promptID: context.promptID))
            emit(.executing(node: ids[index], displayNode: ids[index], promptID: context.promptID))
        }
        running.append(index)
        if isAPINode[index] { runningAPINodes += 1 }
        return NodeInvocation(planned: nodes[index], inputs: gatherInputs(of: index), context: contexts[index])
    }

    private func stop(_ index: Int) {
        running.remove(index)
        if isAPINode[index] { runningAPINodes -= 1 }
    }

    private enum Continuation { case proceed, stop }

    private func handle(_ attempt: NodeInvocation.Attempt, of index: Int) -> Continuation {
        let id = ids[index]
        switch attempt {
        case .completed(let result):
            results[index] = result
            isPending[index] = false
            pendingCount -= 1
            executed.append(index)
            cache.store(result, for: keys[index])
            if let ui = shownUI(of: result) {
                emit(.executed(node: id, displayNode: id, output: ui, promptID: context.promptID))
            }
            emit(.progressState(node: id, state: .finished, promptID: context.promptID))
            for dependent in dependents[index] {
                unmet[dependent] -= 1
                if unmet[dependent] == 0 { markReady(dependent) }
            }
            dependents[index] = []
            return .proceed
        case .needsLazyInputs(let names):
            for link in plan.links[index] where names.contains(link.name) {
                if wait(index, for: link.source) { enqueue(link.source) }
            }
            if unmet[index] == 0 { markReady(index) }
            return .proceed
        case .failed(let error, let inputs):
            guard failure == nil, !wasInterrupted else { return .stop }
            if error is ExecutionInterrupted || error is CancellationError {
                wasInterrupted = true
                interruptedNode = interruptedNode ?? index
            } else {
                failure = errorReport(error, node: index, inputs: inputs)
                emit(.progressState(node: id, state: .error, promptID: context.promptID))
            }
            return .stop
        }
    }

    // MARK: inputs and context

    private func gatherInputs(of index: Int) -> [String: [Value]] {
        let planned = nodes[index]
        var lists: [String: [Value]] = [:]
        lists.reserveCapacity(planned.inputs.count)
        for case (let name, .value(let value)) in planned.inputs { lists[name] = [value] }
        for link in plan.links[index] {
            if let result = results[link.source] { lists[link.name] = result.slots[link.slot] }
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

    private func makeContext(for planned: PlannedNode) -> NodeContext {
        let (emit, promptID, node) = (emit, context.promptID, planned.id)
        return NodeContext(
            nodeID: node, classType: planned.schema.className, promptID: promptID,
            directories: context.directories, interruption: context.interruption,
            progressHandler: { value, total in emit(.progress(value: value, max: total, node: node, promptID: promptID)) },
            previewHandler: { image in emit(.preview(image, node: node, promptID: promptID)) }
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
        } else if wasInterrupted || pendingCount > 0 {
            let node = interruptedNode ?? isPending.firstIndex(of: true)
            let report = InterruptionReport(
                promptID: context.promptID, nodeID: node.map { ids[$0] }, nodeType: node.map { nodes[$0].schema.className },
                executed: executed.map { ids[$0] }
            )
            record(.executionInterrupted(report))
            status = .interrupted(report)
        } else {
            record(.executionSuccess(promptID: context.promptID, timestamp: ExecutionEvent.now()))
            status = .success
        }
        var outputs = OrderedDictionary<NodeID, JSONValue>()
        var resultsByID: [NodeID: NodeResult] = [:]
        resultsByID.reserveCapacity(nodes.count)
        for (index, result) in results.enumerated() {
            guard let result else { continue }
            resultsByID[ids[index]] = result
            if let ui = shownUI(of: result) { outputs[ids[index]] = ui }
        }
        return ExecutionOutcome(
            promptID: context.promptID, status: status, outputs: outputs, results: resultsByID,
            executed: executed.map { ids[$0] }, cached: cachedAtStart.map { ids[$0] }, messages: messages
        )
    }

    private func errorReport(_ error: any Error, node index: Int, inputs: [String: [Value]]) -> ExecutionErrorReport {
        let planned = nodes[index]
        var summary = OrderedDictionary<String, [JSONValue]>()
        for spec in planned.schema.inputs where spec.section != .hidden {
            if let items = inputs[spec.name] { summary[spec.name] = items.map { redactStrings(in: Self.summarise($0)) } }
        }
        return ExecutionErrorReport(
            promptID: context.promptID, nodeID: ids[index], nodeType: planned.schema.className,
            executed: executed.map { ids[$0] }, exceptionMessage: redact(String(describing: error)),
            exceptionType: String(reflecting: type(of: error)), currentInputs: summary,
            currentOutputs: cachedAtStart.map { ids[$0] }
        )
    }

    /// A result's UI data as events and the outcome show it, secrets removed.
    private func shownUI(of result: NodeResult) -> JSONValue? {
        result.uiJSON.map(redactStrings(in:))
    }

    private func redact(_ text: String) -> String {
        redactor?.redactText(text) ?? text
    }

    private func redactStrings(in value: JSONValue) -> JSONValue {
        redactor?.redactStrings(in: value) ?? value
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
