import Foundation
import Testing
import WeftCore

@Suite struct OutputPathAllocatorTests {
    let scratch = Scratch()
    var allocator: OutputPathAllocator { OutputPathAllocator(root: scratch.directories.output) }
    /// 2024-03-05 07:08:09 UTC.
    let date = Date(timeIntervalSince1970: 1_709_622_489)
    let utc = TimeZone(identifier: "UTC")!

    private func touch(_ names: String...) throws {
        try FileManager.default.createDirectory(at: scratch.directories.output, withIntermediateDirectories: true)
        for name in names {
            try Data().write(to: scratch.directories.output.appending(path: name))
        }
    }

    @Test func startsAtOneAndCreatesTheFolder() throws {
        let allocation = try allocator.allocate(prefix: "a/b/cat")
        #expect(allocation.counter == 1)
        #expect(allocation.baseName == "cat")
        #expect(allocation.subfolder == "a/b")
        #expect(allocation.folder.path(percentEncoded: false).trimmingSuffix("/") == scratch.outputPath.trimmingSuffix("/") + "/a/b")
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: allocation.folder.path(percentEncoded: false), isDirectory: &isDirectory))
        #expect(isDirectory.boolValue)
    }

    @Test func counterFollowsTheLargestMatchingFile() throws {
        try touch(
            "ComfyUI_00003_.png", "ComfyUI_00007_.txt", "ComfyUI_abc.txt", "Other_00009_.txt",
            "ComfyUIx_00050_.png", "ComfyUI_00100.txt", "comfyui_00060_.png", "ComfyUI"
        )
        let allocation = try allocator.allocate(prefix: "ComfyUI")
        #expect(allocation.counter == 8)
        #expect(allocation.subfolder == "")
        #expect(allocation.fileName(fileExtension: "png") == "ComfyUI_00008_.png")
        #expect(try allocator.allocate(prefix: "Other").counter == 10)
        #expect(try allocator.allocate(prefix: "New").counter == 1)
    }

    @Test func counterOfFileNames() {
        #expect(OutputPathAllocator.counter(inFileName: "cat_00012_.png", baseName: "cat") == 12)
        #expect(OutputPathAllocator.counter(inFileName: "cat_7", baseName: "cat") == 7)
        #expect(OutputPathAllocator.counter(inFileName: "cat_abc.png", baseName: "cat") == 0)
        #expect(OutputPathAllocator.counter(inFileName: "cat_00012.png", baseName: "cat") == 0)
        #expect(OutputPathAllocator.counter(inFileName: "cat_+5_.png", baseName: "cat") == 0)
        #expect(OutputPathAllocator.counter(inFileName: "cats_00012_.png", baseName: "cat") == nil)
        #expect(OutputPathAllocator.counter(inFileName: "cat", baseName: "cat") == nil)
        #expect(OutputPathAllocator.counter(inFileName: "dog_00001_.png", baseName: "cat") == nil)
        #expect(OutputPathAllocator.counter(inFileName: "cat_3_00004_.png", baseName: "cat_%batch_num%") == 4)
        #expect(OutputPathAllocator.counter(inFileName: "cat_x_00004_.png", baseName: "cat_%batch_num%") == nil)
    }

    @Test func substitutesTheDate() throws {
        let prefix = "%year%-%month%-%day%/%hour%%minute%%second%_shot"
        #expect(OutputPathAllocator.substituteVariables(in: prefix, date: date, timeZone: utc) == "2024-03-05/070809_shot")
        let allocation = try allocator.allocate(prefix: prefix, date: date, timeZone: utc)
        #expect(allocation.subfolder == "2024-03-05")
        #expect(allocation.baseName == "070809_shot")
        let tokyo = TimeZone(identifier: "Asia/Tokyo")!
        #expect(OutputPathAllocator.substituteVariables(in: "%day% %hour%", date: date, timeZone: tokyo) == "05 16")
    }

    @Test func substitutesTheImageSize() throws {
        let allocation = try allocator.allocate(prefix: "sizes/img_%width%x%height%", width: 640, height: 480)
        #expect(allocation.baseName == "img_640x480")
        #expect(try allocator.allocate(prefix: "img_%width%").baseName == "img_0")
        #expect(OutputPathAllocator.substituteVariables(in: "plain/name") == "plain/name")
    }

    @Test func batchNumbersAndCounters() throws {
        try touch("cat_0_00004_.png", "cat_1_00005_.png")
        let allocation = try allocator.allocate(prefix: "cat_%batch_num%")
        #expect(allocation.counter == 6)
        #expect(allocation.fileName(batchIndex: 0, fileExtension: "png") == "cat_0_00006_.png")
        #expect(allocation.fileName(batchIndex: 2, fileExtension: "png") == "cat_2_00008_.png")
        let large = OutputPathAllocator.Allocation(folder: allocation.folder, baseName: "x", counter: 123_456, subfolder: "")
        #expect(large.fileName(fileExtension: "webp") == "x_123456_.webp")
        let file = allocation.file(batchIndex: 1, fileExtension: "png")
        #expect(file.filename == "cat_1_00007_.png")
        #expect(file.uiEntry() == ["filename": "cat_1_00007_.png", "subfolder": "", "type": "output"])
        #expect(file.uiEntry(type: "temp")["type"] == "temp")
    }

    @Test func normalisesTheSubfolder() throws {
        let allocation = try allocator.allocate(prefix: "a/./b//../c/")
        #expect(allocation.subfolder == "a")
        #expect(allocation.baseName == "c")
    }

    @Test func refusesEscapesAndEmptyNames() {
        for prefix in ["../x", "a/../../x", "/etc/x", "/", ".."] {
            #expect(throws: OutputPathError.outsideRoot(prefix: prefix)) { try allocator.allocate(prefix: prefix) }
        }
        for prefix in ["", ".", "a/.."] {
            #expect(throws: OutputPathError.missingFileName(prefix: prefix)) { try allocator.allocate(prefix: prefix) }
        }
    }

    @Test func allocatingDoesNotCreateTheFile() throws {
        let file = try allocator.allocate(prefix: "notes/n").file(fileExtension: "txt")
        #expect(file.filename == "n_00001_.txt")
        #expect(file.subfolder == "notes")
        #expect(!FileManager.default.fileExists(atPath: file.url.path(percentEncoded: false)))
    }

    @Test func concurrentWritersNeverShareAFile() async throws {
        let allocator = allocator
        let files = try await withThrowingTaskGroup(of: OutputPathAllocator.OutputFile.self) { group in
            for index in 0..<24 {
                group.addTask { try allocator.writeNextFile(Data("\(index)".utf8), prefix: "race", fileExtension: "txt") }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(files.map(\.filename)).count == 24)
        let contents = try files.map { try scratch.outputText($0.filename) }
        #expect(Set(contents) == Set((0..<24).map(String.init)))
        #expect(try allocator.allocate(prefix: "race").counter == 25)
    }
}

extension String {
    /// The string without one trailing `suffix`.
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
