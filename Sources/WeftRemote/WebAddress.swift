import Foundation

/// Checks and combines the http and https URLs remote providers and downloads deal in.
enum WebAddress {
    /// `text` as a URL when it is an absolute `http` or `https` URL with a host; nil otherwise.
    static func httpURL(_ text: String) -> URL? {
        guard let url = URL(string: text), isHTTP(url) else { return nil }
        return url
    }

    /// Whether `url` has the scheme `http` or `https` and a host.
    static func isHTTP(_ url: URL) -> Bool {
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else { return false }
        return !(url.host ?? "").isEmpty
    }

    /// `reference` (a `Location` header: absolute, scheme-relative, or a path) resolved against `base`; nil when it
    /// is not a URL reference at all.
    static func resolve(_ reference: String, against base: URL) -> URL? {
        URL(string: reference, relativeTo: base)?.absoluteURL
    }

    /// Whether two URLs have the same scheme, host and port, so that credentials meant for one may go to the other.
    static func sameOrigin(_ first: URL, _ second: URL) -> Bool {
        first.scheme?.lowercased() == second.scheme?.lowercased() && first.host?.lowercased() == second.host?.lowercased()
            && effectivePort(first) == effectivePort(second)
    }

    /// `value` percent-encoded for a query string: everything except letters, digits and `-._~` is escaped, so `&`,
    /// `=`, `+`, `/` and spaces inside a value cannot change the query's meaning.
    static func queryValue(_ value: String) -> String {
        let hexDigits = Array("0123456789ABCDEF".utf8)
        var encoded: [UInt8] = []
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                encoded.append(byte)
            default:
                encoded += [UInt8(ascii: "%"), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: encoded, as: UTF8.self)
    }

    private static func effectivePort(_ url: URL) -> Int? {
        url.port ?? (url.scheme?.lowercased() == "https" ? 443 : 80)
    }
}
