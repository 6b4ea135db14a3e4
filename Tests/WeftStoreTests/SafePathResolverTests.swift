import Foundation
import Testing
import WeftCore
import WeftStore

@Suite struct SafePathResolverTests {
    let scratch = FileScratch()
    let outside = FileScratch()
    var resolver: SafePathResolver { SafePathResolver(root: scratch.url) }

    /// Request paths that must be refused, and the case each is refused with (field `"filename"`).
    static let hostileInputs: [(String, PathSafetyError)] = [
        ("../x", .parentReference(field: "filename", value: "../x")),
        ("a/../../x", .parentReference(field: "filename", value: "a/../../x")),
        ("..", .parentReference(field: "filename", value: "..")),
        ("a/..", .parentReference(field: "filename", value: "a/..")),
        ("%2e%2e/x", .parentReference(field: "filename", value: "%2e%2e/x")),
        ("%2E%2E/x", .parentReference(field: "filename", value: "%2E%2E/x")),
        ("a/.%2E", .parentReference(field: "filename", value: "a/.%2E")),
        ("%252e%252e/x", .parentReference(field: "filename", value: "%252e%252e/x")),
        ("..%2fx", .parentReference(field: "filename", value: "..%2fx")),
        ("\u{FF0E}\u{FF0E}/x", .parentReference(field: "filename", value: "\u{FF0E}\u{FF0E}/x")),
        ("\u{2024}\u{2024}/x", .parentReference(field: "filename", value: "\u{2024}\u{2024}/x")),
        ("\u{2025}/x", .parentReference(field: "filename", value: "\u{2025}/x")),
        ("\u{FF05}2e\u{FF05}2e/x", .parentReference(field: "filename", value: "\u{FF05}2e\u{FF05}2e/x")),
        ("/etc/passwd", .absolute(field: "filename", value: "/etc/passwd")),
        ("//x", .absolute(field: "filename", value: "//x")),
        ("%2fetc%2fpasswd", .absolute(field: "filename", value: "%2fetc%2fpasswd")),
        ("%252Fetc", .absolute(field: "filename", value: "%252Fetc")),
        ("\u{FF0F}etc", .absolute(field: "filename", value: "\u{FF0F}etc")),
        ("a\\..\\b", .invalidCharacter(field: "filename", value: "a\\..\\b")),
        ("C:\\x", .invalidCharacter(field: "filename", value: "C:\\x")),
        ("a%5c..%5cb", .invalidCharacter(field: "filename", value: "a%5c..%5cb")),
        ("x\u{0}.png", .invalidCharacter(field: "filename", value: "x\u{0}.png")),
        ("x%00.png", .invalidCharacter(field: "filename", value: "x%00.png")),
        ("line\nbreak", .invalidCharacter(field: "filename", value: "line\nbreak")),
        ("del\u{7F}", .invalidCharacter(field: "filename", value: "del\u{7F}")),
        ("c1\u{85}", .invalidCharacter(field: "filename", value: "c1\u{85}")),
        ("", .empty(field: "filename")),
        (".", .empty(field: "filename")),
        ("././/", .empty(field: "filename")),
    ]

    @Test(arguments: hostileInputs)
    func refusesHostileInput(input: String, expected: PathSafetyError) {
        #expect(throws: expected) { try resolver.components(of: input, field: "filename", allowEmpty: false) }
        #expect(throws: expected) { try resolver.resolve(subfolder: "", filename: input) }
    }

    /// Harmless request paths and their normalised components.
    static let goodInputs: [(String, [String])] = [
        ("c.png", ["c.png"]),
        ("a/b/c.png", ["a", "b", "c.png"]),
        ("./a//b/./c.png", ["a", "b", "c.png"]),
        ("a/", ["a"]),
        ("...", ["..."]),
        ("a..b.png", ["a..b.png"]),
        ("..png", ["..png"]),
        (".hidden", [".hidden"]),
        ("50%off.png", ["50%off.png"]),
        ("100%.png", ["100%.png"]),
        ("%2e/x.png", ["%2e", "x.png"]),
        ("cat (1).png", ["cat (1).png"]),
        ("日本語/ねこ.png", ["日本語", "ねこ.png"]),
        ("C:x", ["C:x"]),
    ]

    @Test(arguments: goodInputs)
    func acceptsGoodInput(input: String, expected: [String]) throws {
        #expect(try resolver.components(of: input, field: "filename", allowEmpty: false) == expected)
        let url = try resolver.resolve(subfolder: "", filename: input)
        #expect(url.plainPath == scratch.path(expected.joined(separator: "/")))
    }

    @Test func emptySubfolderIsAllowedWhenAsked() throws {
        #expect(try resolver.components(of: "", field: "subfolder", allowEmpty: true) == [])
        #expect(try resolver.components(of: "./", field: "subfolder", allowEmpty: true) == [])
        #expect(try resolver.resolveFolder("").plainPath == scratch.path())
        #expect(throws: PathSafetyError.parentReference(field: "subfolder", value: "..")) {
            try resolver.components(of: "..", field: "subfolder", allowEmpty: true)
        }
    }

    @Test func resolvesSubfolderAndFilenameUnderRoot() throws {
        #expect(try resolver.resolve(subfolder: "a/b", filename: "c.png").plainPath == scratch.path("a/b/c.png"))
        #expect(try resolver.resolve(subfolder: "a//b/", filename: "d/c.png").plainPath == scratch.path("a/b/d/c.png"))
        #expect(try resolver.resolveFolder("pets/cats").plainPath == scratch.path("pets/cats"))
    }

    @Test func namesTheFieldAtFault() {
        #expect(throws: PathSafetyError.parentReference(field: "subfolder", value: "../up")) {
            try resolver.resolve(subfolder: "../up", filename: "x.png")
        }
        #expect(throws: PathSafetyError.absolute(field: "subfolder", value: "/tmp")) { try resolver.resolveFolder("/tmp") }
        #expect(throws: PathSafetyError.empty(field: "filename")) { try resolver.resolve(subfolder: "a", filename: "") }
    }

    @Test func refusesLinksLeadingOutsideTheRoot() throws {
        try outside.write("secret.txt", [1, 2, 3])
        try scratch.link("out", to: outside.path())
        try scratch.link("leak.png", to: outside.path("secret.txt"))
        try scratch.link("dangling.png", to: outside.path("missing.png"))
        try scratch.makeFolder("a/b")
        try scratch.link("a/b/up", to: "../../..")

        #expect(throws: PathSafetyError.escapesRoot(field: "subfolder", value: "out")) { try resolver.resolveFolder("out") }
        #expect(throws: PathSafetyError.escapesRoot(field: "subfolder", value: "out")) {
            try resolver.resolve(subfolder: "out", filename: "x.png")
        }
        #expect(throws: PathSafetyError.escapesRoot(field: "filename", value: "out/secret.txt")) {
            try resolver.resolve(subfolder: "", filename: "out/secret.txt")
        }
        #expect(throws: PathSafetyError.escapesRoot(field: "filename", value: "leak.png")) {
            try resolver.resolve(subfolder: "", filename: "leak.png")
        }
        #expect(throws: PathSafetyError.escapesRoot(field: "filename", value: "dangling.png")) {
            try resolver.resolve(subfolder: "", filename: "dangling.png")
        }
        #expect(throws: PathSafetyError.escapesRoot(field: "subfolder", value: "a/b/up")) { try resolver.resolveFolder("a/b/up") }
    }

    @Test func acceptsLinksStayingInsideTheRoot() throws {
        try scratch.write("real/x.png", [7])
        try scratch.link("relative", to: "real")
        try scratch.link("absolute", to: scratch.path("real"))
        try scratch.makeFolder("a/b")
        try scratch.link("a/b/sibling", to: "../../real")
        try scratch.link("self", to: ".")

        #expect(try resolver.resolve(subfolder: "relative", filename: "x.png").plainPath == scratch.path("relative/x.png"))
        #expect(try resolver.resolve(subfolder: "absolute", filename: "new.png").plainPath == scratch.path("absolute/new.png"))
        #expect(try resolver.resolve(subfolder: "a/b/sibling", filename: "x.png").plainPath == scratch.path("a/b/sibling/x.png"))
        #expect(try resolver.resolveFolder("self").plainPath == scratch.path("self"))
    }

    @Test func rootMayItselfBeALink() throws {
        try outside.makeFolder("data")
        try outside.link("root-link", to: outside.path("data"))
        try outside.link("data/inner", to: outside.path("root-link"))
        let linked = SafePathResolver(root: URL(filePath: outside.path("root-link"), directoryHint: .isDirectory))

        #expect(try linked.resolve(subfolder: "sub", filename: "x.png").plainPath == outside.path("root-link/sub/x.png"))
        #expect(try linked.resolveFolder("inner").plainPath == outside.path("root-link/inner"))
    }

    @Test func refusesLinkLoops() throws {
        try scratch.link("loop", to: "loop")
        try scratch.link("ping", to: "pong")
        try scratch.link("pong", to: "ping")

        #expect(throws: PathSafetyError.escapesRoot(field: "subfolder", value: "loop")) { try resolver.resolveFolder("loop") }
        #expect(throws: PathSafetyError.escapesRoot(field: "filename", value: "ping")) {
            try resolver.resolve(subfolder: "", filename: "ping")
        }
    }

    @Test func descriptionsNameFieldAndValue() {
        #expect(PathSafetyError.empty(field: "filename").description == "'filename' must name a file or folder but is empty")
        #expect(
            PathSafetyError.absolute(field: "subfolder", value: "/etc").description
                == "'subfolder' must be a relative path, not the absolute path '/etc'")
        #expect(
            PathSafetyError.parentReference(field: "filename", value: "../x").description
                == "'filename' must not refer to a parent folder ('..'), but is '../x'")
        #expect(
            PathSafetyError.invalidCharacter(field: "filename", value: "a\u{0}b").description
                == "'filename' must not contain control characters or backslashes, but is 'a\\u{0}b'")
        #expect(
            PathSafetyError.escapesRoot(field: "subfolder", value: "out").description
                == "'subfolder' is 'out', which leads outside the allowed folder")
    }
}
