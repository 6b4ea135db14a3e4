public import OrderedCollections

/// Settings for a ``PromptExecutor``.
public struct ExecutorConfiguration: Sendable {
    /// How many ready nodes may run at once; 1 runs nodes one by one, as ComfyUI does.
    public var maxConcurrentNodes: Int
    /// How many API nodes (``NodeSchema/isAPINode``: nodes that mostly wait on a remote service) may run at once,
    /// on top of `maxConcurrentNodes`, so slow remote calls overlap each other and the local work.
    public var maxConcurrentAPINodes: Int
    /// Keeps secrets out of error reports and UI outputs; nil when the process knows no secrets.
    public var redactor: (any SecretRedactor)?

    public init(maxConcurrentNodes: Int = 4, maxConcurrentAPINodes: Int = 32, redactor: (any SecretRedactor)? = nil) {
        self.maxConcurrentNodes = max(1, maxConcurrentNodes)
        self.maxConcurrentAPINodes = max(1, maxConcurrentAPINodes)
        self.redactor = redactor
    }
}

/// What one run of a prompt needs besides its plan.
public struct PromptRunContext: Sendable {
    public var promptID: String
    /// The submission's `extra_data` (hidden inputs read `extra_pnginfo` and credentials from it).
    public var extraData: OrderedDictionary<String, JSONValue>
    public var directories: DataDirectories
    /// Raised to stop the run; the executor cancels running nodes at once.
    public var interruption: InterruptionFlag

    public init(
        promptID: String,
        extraData: OrderedDictionary<String, JSONValue> = [:],
        directories: DataDirectories,
        interruption: InterruptionFlag = InterruptionFlag()
    ) {
        self.promptID = promptID
        self.extraData = extraData
        self.directories = directories
        self.interruption = interruption
    }
}

/// Runs validated prompts (ComfyUI §6): only what the outputs need, lazy inputs on demand, independent nodes
/// concurrently, results reused through the shared ``OutputCache``.
public struct PromptExecutor: Sendable {
    public let cache: OutputCache
    public let configuration: ExecutorConfiguration

    public init(cache: OutputCache = OutputCache(), configuration: ExecutorConfiguration = ExecutorConfiguration()) {
        self.cache = cache
        self.configuration = configuration
    }

    /// Runs a plan to completion, failure or interruption, reporting progress through `events` as it goes.
    /// Never throws: every way a run can end is an ``ExecutionOutcome``.
    public func execute(
        _ plan: ExecutionPlan,
        context: PromptRunContext,
        events: @escaping @Sendable (ExecutionEvent) -> Void = { _ in }
    ) async -> ExecutionOutcome {
        let run = ExecutionRun(plan: plan, context: context, cache: cache, configuration: configuration, emit: events)
        return await run.execute()
    }
}
