import RemoteTestSupport
import Testing
import WeftRemote

@Suite struct PaintingPromptWriterTests {
    @Test func answersAreCleanedOfLabelsQuotesAndFences() {
        #expect(PaintingPromptWriter.prompt(fromAnswer: "  A red tram in Lisbon, dusk  \n") == "A red tram in Lisbon, dusk")
        #expect(PaintingPromptWriter.prompt(fromAnswer: "Prompt: \"A red tram\"") == "A red tram")
        #expect(PaintingPromptWriter.prompt(fromAnswer: "**Painting prompt:** A red tram") == "A red tram")
        #expect(PaintingPromptWriter.prompt(fromAnswer: "“A red tram”") == "A red tram")
        #expect(PaintingPromptWriter.prompt(fromAnswer: "```\nA red tram\n```") == "A red tram")
        #expect(PaintingPromptWriter.prompt(fromAnswer: "A \"red\" tram") == "A \"red\" tram")
    }

    @Test func theRequestCarriesTheFactsAndTheStyle() {
        #expect(PaintingPromptWriter.request(facts: " Lisbon\nrain ", style: "") == "Lisbon\nrain")
        #expect(PaintingPromptWriter.request(facts: "Lisbon", style: " oil ") == "Lisbon\n\nStyle: oil")
    }
}
