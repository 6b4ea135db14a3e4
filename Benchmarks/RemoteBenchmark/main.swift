// Remote calls (issue 6): 20 independent image requests in one prompt against a local provider that answers after
// 200 ms must finish in < 1 s in all, and the HTTP client's per-call overhead (request + JSON decode) must be
// < 1 ms at p50.
// Run: swift run -c release weft-bench-remote
import Foundation
import OrderedCollections
import WeftBenchmarkSupport
import WeftCore
import WeftImage
import WeftNodes
import WeftRemote

let imageDelay = Duration.milliseconds(200)
let requests = 20
let promptRuns = 5
let chatCalls = 2_000

/// A prompt of `count` RemoteTextToImage nodes (non-deterministic, so every run calls again), each previewed.
func concurrentImagesPrompt(baseURL: String, count: Int) throws -> ExecutionPlan {
    var nodes: [String] = []
    for index in 1...count {
        nodes.append(
            #""\#(index)": {"class_type": "RemoteTextToImage", "inputs": {"prompt": "a harbour, view \#(index)", "negative_prompt": "", "provider": "openai", "model": "dall-e-3", "base_url": "\#(baseURL)", "api_key_name": "", "width": 64, "height": 64, "seed": \#(index), "count": 1, "workflow": "", "timeout_seconds": 30, "non_deterministic": true}}"#
        )
        nodes.append(#""\#(index + 1000)": {"class_type": "PreviewAny", "inputs": {"source": ["\#(index)", 1]}}"#)
    }
    let request = try WorkflowParser().parseRequest(Array(("{" + nodes.joined(separator: ",") + "}").utf8))
    let registry = try BuiltinNodes.registry(remoteServices: RemoteNodeServices(secrets: SecretStore(environment: [:])))
    let validation = PromptValidator(registry: registry).validate(request)
    guard let plan = validation.plan else { fatalError("the benchmark prompt is invalid: \(validation.nodeErrorsJSON)") }
    return plan
}

let pixels: [UInt8] = Array([[UInt8]](repeating: [40, 90, 160], count: 64 * 64).joined())
let png = try ImageEncoder.png(try RasterImage(width: 64, height: 64, channels: 3, pixels: pixels))
let provider = await LocalProvider.start(imageDelay: imageDelay, png: png)
defer { provider.stop() }

print("Remote calls against a local OpenAI-compatible provider (images answer after \(imageDelay); chat at once)")
print("")

// 1. Concurrency: one prompt, 20 image requests, with the executor's default limits (4 local nodes at once).
let plan = try concurrentImagesPrompt(baseURL: provider.baseURL, count: requests)
let executor = PromptExecutor()
let directories = DataDirectories(root: FileManager.default.temporaryDirectory.appending(path: "weft-bench-remote"))
var promptTimes: [Double] = []
for run in 0...promptRuns {
    let clock = ContinuousClock()
    let start = clock.now
    let outcome = await executor.execute(plan, context: PromptRunContext(promptID: "bench-\(run)", directories: directories))
    let elapsed = seconds(clock.now - start)
    guard outcome.status == .success else { fatalError("the prompt failed: \(outcome.status)") }
    if run > 0 { promptTimes.append(elapsed) }  // run 0 warms connections up
}
promptTimes.sort()
let promptMedian = promptTimes[promptTimes.count / 2]
let serial = Double(requests) * seconds(imageDelay)
print("| measure | figure | target | ratio |")
print("| --- | --- | --- | --- |")
print(
    String(
        format: "| %d image requests in one prompt (median of %d runs; min %.3f s, max %.3f s) | %.3f s | < 1 s | %.2f (one by one: %.1f s) |",
        requests, promptRuns, promptTimes.first ?? 0, promptTimes.last ?? 0, promptMedian, promptMedian / 1.0, serial))

// 2. Per-call overhead: chat completions answered at once, request building, HTTP round trip and JSON decode.
let client = OpenAIChatClient(baseURL: provider.baseURL, transport: AsyncHTTPTransport(timeout: .seconds(10)))
let chat = ChatRequest(model: "bench", systemPrompt: "You write painting prompts.", userPrompt: "Lisbon, rain, dusk", maxTokens: 64)
for _ in 0..<200 { _ = try await client.complete(chat) }
var callTimes: [Double] = []
callTimes.reserveCapacity(chatCalls)
for _ in 0..<chatCalls {
    let clock = ContinuousClock()
    let start = clock.now
    _ = try await client.complete(chat)
    callTimes.append(seconds(clock.now - start))
}
callTimes.sort()
let p50 = callTimes[callTimes.count / 2] * 1000
let p90 = callTimes[callTimes.count * 9 / 10] * 1000
print(
    String(
        format: "| chat call over loopback, request + JSON decode (%d calls; p90 %.3f ms) | p50 %.3f ms | < 1 ms | %.2f |", chatCalls, p90, p50,
        p50 / 1.0))
