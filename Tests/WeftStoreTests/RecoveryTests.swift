import Testing
import WeftCore
import WeftStore

@Suite("Recovery after a restart")
struct RecoveryTests {
    @Test("requeue puts interrupted prompts back at their old place")
    func requeue() throws {
        let store = try JobStore.inMemory()
        for (id, number) in [("a", 1.0), ("b", 2.0), ("c", 3.0)] {
            try store.enqueue(makePrompt(id, number: number))
        }
        _ = try store.claimNext(now: 10)
        _ = try store.claimNext(now: 20)
        try store.enqueue(makePrompt("z", number: 1.5))

        #expect(try store.recoverInterrupted(requeue: true, message: "restart", now: 99) == ["a", "b"])
        #expect(try store.pending(user: nil).map(\.promptID) == ["a", "z", "b", "c"])
        #expect(try store.running(user: nil).isEmpty)
        #expect(try store.job("a", user: nil)?.startedAt == nil)
        #expect(try store.recoverInterrupted(requeue: true, message: "restart", now: 100).isEmpty)
    }

    @Test("without requeue interrupted prompts become error history entries")
    func failInterrupted() throws {
        let store = try JobStore.inMemory()
        let prompt = makePrompt("a", number: 1)
        try store.enqueue(prompt)
        try store.enqueue(makePrompt("b", number: 2))
        _ = try store.claimNext(now: 10)

        #expect(try store.recoverInterrupted(requeue: false, message: "Server restarted", now: 500) == ["a"])
        let entry = try #require(try store.historyEntry("a", user: nil))
        #expect(entry.prompt == prompt)
        #expect(entry.statusString == "error")
        #expect(entry.completed == false)
        #expect(entry.outputs == [:])
        #expect(entry.meta == [:])
        #expect(entry.startedAt == 10)
        #expect(entry.finishedAt == 500)
        #expect(
            entry.messages.serialized()
                == #"[["execution_error",{"prompt_id":"a","node_id":null,"node_type":null,"executed":[],"#
                + #""exception_message":"Server restarted","exception_type":"WeftServerRestart","traceback":[],"#
                + #""current_inputs":{},"current_outputs":[],"timestamp":500}]]"#
        )
        #expect(try store.pending(user: nil).map(\.promptID) == ["b"])
        #expect(try store.running(user: nil).isEmpty)
        #expect(try store.job("a", user: nil)?.status == .failed)
    }
}
