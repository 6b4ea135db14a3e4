import Foundation
import Testing
import WeftCore
import WeftStore

@Suite struct UploadStoreTests {
    let scratch = FileScratch()
    let outside = FileScratch()
    var store: UploadStore { UploadStore(root: scratch.url, type: "input") }

    @Test func firstSaveKeepsTheName() throws {
        let stored = try store.save([1, 2, 3], filename: "x.png", subfolder: "", overwrite: false)
        #expect(stored == StoredUpload(name: "x.png", subfolder: "", type: "input"))
        #expect(scratch.read("x.png") == [1, 2, 3])
        #expect(scratch.names() == ["x.png"])
    }

    @Test func collisionsFollowComfyUIsRule() throws {
        #expect(try store.save([1], filename: "x.png", subfolder: "", overwrite: false).name == "x.png")
        let before = try FileManager.default.attributesOfItem(atPath: scratch.path("x.png"))[.modificationDate] as? Date
        #expect(try store.save([1], filename: "x.png", subfolder: "", overwrite: false).name == "x.png")
        let after = try FileManager.default.attributesOfItem(atPath: scratch.path("x.png"))[.modificationDate] as? Date
        #expect(before == after)
        #expect(try store.save([2], filename: "x.png", subfolder: "", overwrite: false).name == "x (1).png")
        #expect(try store.save([3], filename: "x.png", subfolder: "", overwrite: false).name == "x (2).png")
        #expect(try store.save([2], filename: "x.png", subfolder: "", overwrite: false).name == "x (1).png")
        #expect(try store.save([3], filename: "x.png", subfolder: "", overwrite: false).name == "x (2).png")
        #expect(try store.save([1], filename: "x.png", subfolder: "", overwrite: false).name == "x.png")

        #expect(scratch.names() == ["x (1).png", "x (2).png", "x.png"])
        #expect(scratch.read("x.png") == [1])
        #expect(scratch.read("x (1).png") == [2])
        #expect(scratch.read("x (2).png") == [3])
    }

    @Test(arguments: [
        ("archive.tar.gz", "archive.tar (1).gz"), ("noext", "noext (1)"), (".hidden", ".hidden (1)"),
        ("cat (1).png", "cat (1) (1).png"),
    ])
    func numbersGoBeforeTheLastExtension(filename: String, expected: String) throws {
        _ = try store.save([1], filename: filename, subfolder: "", overwrite: false)
        #expect(try store.save([2], filename: filename, subfolder: "", overwrite: false).name == expected)
    }

    @Test func overwriteReplacesTheFile() throws {
        _ = try store.save([1], filename: "x.png", subfolder: "", overwrite: false)
        let stored = try store.save([9, 9], filename: "x.png", subfolder: "", overwrite: true)
        #expect(stored == StoredUpload(name: "x.png", subfolder: "", type: "input"))
        #expect(scratch.read("x.png") == [9, 9])
        #expect(scratch.names() == ["x.png"])
    }

    @Test func subfolderIsCreatedAndNormalised() throws {
        let stored = try UploadStore(root: scratch.url, type: "temp").save([5], filename: "x.png", subfolder: "pets//cats/", overwrite: false)
        #expect(stored == StoredUpload(name: "x.png", subfolder: "pets/cats", type: "temp"))
        #expect(scratch.read("pets/cats/x.png") == [5])
    }

    @Test func onlyTheLastComponentOfTheFilenameIsUsed() throws {
        let stored = try store.save([4], filename: "some/dir/x.png", subfolder: "in", overwrite: false)
        #expect(stored == StoredUpload(name: "x.png", subfolder: "in", type: "input"))
        #expect(scratch.names(in: "in") == ["x.png"])
    }

    @Test func takenByAFolderMovesOn() throws {
        try scratch.makeFolder("x.png")
        #expect(try store.save([1], filename: "x.png", subfolder: "", overwrite: false).name == "x (1).png")
        #expect(scratch.read("x (1).png") == [1])
    }

    @Test func identicalFileBehindAnInsideLinkIsReused() throws {
        try scratch.write("real.png", [6, 6])
        try scratch.link("alias.png", to: "real.png")
        #expect(try store.save([6, 6], filename: "alias.png", subfolder: "", overwrite: false).name == "alias.png")
        #expect(try store.save([7], filename: "alias.png", subfolder: "", overwrite: false).name == "alias (1).png")
    }

    static let unsafeUploads: [(String, String, PathSafetyError)] = [
        ("../x.png", "", .parentReference(field: "filename", value: "../x.png")),
        ("%2e%2e/x.png", "", .parentReference(field: "filename", value: "%2e%2e/x.png")),
        ("", "", .empty(field: "filename")),
        ("a\\b.png", "", .invalidCharacter(field: "filename", value: "a\\b.png")),
        ("/tmp/x.png", "", .absolute(field: "filename", value: "/tmp/x.png")),
        ("x.png", "../up", .parentReference(field: "subfolder", value: "../up")),
        ("x.png", "/abs", .absolute(field: "subfolder", value: "/abs")),
        ("x.png", "a\u{0}", .invalidCharacter(field: "subfolder", value: "a\u{0}")),
    ]

    @Test(arguments: unsafeUploads)
    func refusesUnsafeNames(filename: String, subfolder: String, expected: PathSafetyError) {
        #expect(throws: UploadError.unsafePath(expected)) {
            try store.save([1], filename: filename, subfolder: subfolder, overwrite: false)
        }
        #expect(scratch.names() == [])
    }

    @Test func refusesLinksLeadingOutside() throws {
        try outside.write("victim.png", [1])
        try scratch.link("out", to: outside.path())
        try scratch.link("victim.png", to: outside.path("victim.png"))

        #expect(throws: UploadError.unsafePath(.escapesRoot(field: "subfolder", value: "out"))) {
            try store.save([2], filename: "x.png", subfolder: "out", overwrite: false)
        }
        #expect(throws: UploadError.unsafePath(.escapesRoot(field: "filename", value: "victim.png"))) {
            try store.save([2], filename: "victim.png", subfolder: "", overwrite: true)
        }
        #expect(outside.names() == ["victim.png"])
        #expect(outside.read("victim.png") == [1])
    }

    @Test func reportsWriteFailures() throws {
        try scratch.write("file", [0])
        let blocked = UploadStore(root: URL(filePath: scratch.path("file")), type: "input")
        do {
            _ = try blocked.save([1], filename: "x.png", subfolder: "sub", overwrite: false)
            Issue.record("saving under a regular file should fail")
        } catch {
            guard case .write(let path, let reason) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(path.hasPrefix(scratch.path("file")))
            #expect(!reason.isEmpty)
            #expect(error.description.hasPrefix("cannot save upload at '\(scratch.path("file"))"))
        }
    }

    @Test func concurrentUploadsNeverReplaceEachOther() async throws {
        let store = store
        let names = try await withThrowingTaskGroup(of: (UInt8, String).self) { group in
            for value in UInt8(0)..<8 {
                group.addTask { (value, try store.save([value, value], filename: "x.png", subfolder: "", overwrite: false).name) }
            }
            return try await group.reduce(into: [UInt8: String]()) { $0[$1.0] = $1.1 }
        }
        #expect(Set(names.values).count == 8)
        for (value, name) in names {
            #expect(scratch.read(name) == [value, value])
        }
        #expect(scratch.names().count == 8)
    }
}
