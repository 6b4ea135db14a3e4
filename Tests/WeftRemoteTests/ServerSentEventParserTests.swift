import RemoteTestSupport
import Testing
import WeftRemote

@Suite struct ServerSentEventParserTests {
    @Test func eventsSplitAcrossPiecesAndLineEndingsAreJoined() {
        var parser = ServerSentEventParser()
        var events: [ServerSentEvent] = []
        for piece in ["data: {\"a\"", ":1}\r\n\r", "\n: a comment\nevent: usage\ndata: one\ndata: two\n\n", "data:[DONE]"] {
            events += parser.feed(Array(piece.utf8))
        }
        #expect(events == [ServerSentEvent(data: "{\"a\":1}"), ServerSentEvent(event: "usage", data: "one\ntwo")])
        #expect(parser.finish() == ServerSentEvent(data: "[DONE]"))
        #expect(parser.finish() == nil)
    }
}
