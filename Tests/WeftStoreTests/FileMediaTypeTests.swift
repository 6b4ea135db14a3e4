import Testing
import WeftStore

@Suite struct FileMediaTypeTests {
    static let table: [(String, String)] = [
        ("cat.png", "image/png"), ("CAT.PNG", "image/png"), ("a.jpg", "image/jpeg"), ("a.jpeg", "image/jpeg"),
        ("a.webp", "image/webp"), ("a.gif", "image/gif"), ("a.bmp", "image/bmp"), ("a.tiff", "image/tiff"),
        ("a.tif", "image/tiff"), ("clip.mp4", "video/mp4"), ("clip.webm", "video/webm"), ("clip.mov", "video/quicktime"),
        ("clip.mkv", "video/x-matroska"), ("clip.avi", "video/x-msvideo"), ("s.wav", "audio/wav"), ("s.mp3", "audio/mpeg"),
        ("s.flac", "audio/flac"), ("s.ogg", "audio/ogg"), ("w.json", "application/json"), ("n.txt", "text/plain"),
        ("sub/dir/x.webp", "image/webp"), ("model.safetensors", "application/octet-stream"),
        ("a.unknownext", "application/octet-stream"), ("noextension", "application/octet-stream"),
        (".png", "application/octet-stream"), ("", "application/octet-stream"),
        ("page.html", "application/octet-stream"), ("page.htm", "application/octet-stream"),
        ("page.xhtml", "application/octet-stream"), ("app.js", "application/octet-stream"),
        ("app.mjs", "application/octet-stream"), ("style.css", "application/octet-stream"),
        ("logo.svg", "application/octet-stream"), ("LOGO.SVG", "application/octet-stream"),
        ("feed.xml", "application/octet-stream"),
    ]

    @Test(arguments: table)
    func contentType(name: String, expected: String) {
        #expect(MediaType.forFileName(name) == expected)
    }
}
