import Foundation
import OrderedCollections
import Testing
import WeftCore

@testable import weft

/// The pieces the progress display and the output summary are drawn from.
@Suite struct DisplayFormattingTests {
    @Test func progressBar() {
        #expect(LiveProgressDisplay.bar(value: 7, total: 20, width: 8) == "[##------] 7/20")
        #expect(LiveProgressDisplay.bar(value: 20, total: 20, width: 4) == "[####] 20/20")
        #expect(LiveProgressDisplay.bar(value: 0, total: 3, width: 3) == "[---] 0/3")
    }

    @Test func durations() {
        #expect(TextFormatting.duration(.microseconds(10)) == "<0.1 ms")
        #expect(TextFormatting.duration(.microseconds(420)) == "0.4 ms")
        #expect(TextFormatting.duration(.microseconds(12_400)) == "12 ms")
        #expect(TextFormatting.duration(.milliseconds(3_210)) == "3.21 s")
        #expect(TextFormatting.duration(.seconds(125)) == "2 min 5 s")
    }

    @Test func nodeLabels() {
        #expect(TextFormatting.nodeLabel("3", classType: "IntMath", title: "My math") == #"#3 IntMath "My math""#)
        #expect(TextFormatting.nodeLabel("3", classType: "IntMath", title: "IntMath") == "#3 IntMath")
        #expect(TextFormatting.nodeLabel("3", classType: "IntMath", title: nil) == "#3 IntMath")
    }

    @Test func visibleLinesKeepRunningNodesAndTheMostRecent() {
        var activity = RunActivity()
        let now = ContinuousClock.now
        for index in 0..<10 { activity.start(String(index), label: "#\(index)", at: now) }
        for index in 0..<10 where index != 2 { activity.set(String(index), to: .done, at: now) }
        #expect(activity.doneCount == 9)
        #expect(activity.visibleIndexes(limit: 4) == [2, 7, 8, 9])
        #expect(activity.visibleIndexes(limit: 20) == Array(0..<10))
        activity.interruptRunning(at: now)
        #expect(activity.entries[2].endedAt == now)
        #expect(activity.running.isEmpty)
        #expect(activity.entries[2].state == .interrupted)
    }

    @Test func outputSummaryResolvesFilesAndCutsText() throws {
        let root = URL(fileURLWithPath: "/data", isDirectory: true)
        var directories = DataDirectories(root: root)
        directories.output = URL(fileURLWithPath: "/elsewhere/out", isDirectory: true)
        let workflow = Workflow(nodes: ["9": WorkflowNode(id: "9", classType: "SaveText", inputs: [:], meta: ["title": "Save"])])
        var summary = OutputSummary(directories: directories, workflow: workflow)
        summary.currentDirectory = root

        let long = String(repeating: "a", count: 1_000)
        let outputs: OrderedDictionary<NodeID, JSONValue> = [
            "9": [
                "files": [["filename": "x_00001_.txt", "subfolder": "sub", "type": "output"]],
                "images": [["filename": "p.png", "subfolder": "", "type": "temp"]],
                "text": [.string(long)],
            ]
        ]
        let lines = summary.lines(for: outputs)
        #expect(lines[0] == "outputs:")
        #expect(lines[1] == #"  #9 SaveText "Save":"#)
        #expect(lines[2] == "    file: /elsewhere/out/sub/x_00001_.txt")
        #expect(lines[3] == "    file: temp/p.png")
        #expect(lines[4].hasPrefix("    text: aaa"))
        #expect(lines[4].hasSuffix("…"))
        #expect(lines[4].count < 420)
    }
}
