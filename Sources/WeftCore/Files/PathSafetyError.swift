/// Why a requested path was refused.
public enum PathSafetyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The field names no file or folder (it is empty, or holds only `.` and `/`).
    case empty(field: String)
    /// The field is an absolute path (it starts with `/`, possibly once decoded or normalised).
    case absolute(field: String, value: String)
    /// The field has a `..` component, spelled plainly, percent-encoded or with look-alike dots.
    case parentReference(field: String, value: String)
    /// The field holds a control character (such as NUL) or a backslash.
    case invalidCharacter(field: String, value: String)
    /// Once symbolic links are followed, the path lies outside the root.
    case escapesRoot(field: String, value: String)

    /// A sentence naming the field and its value.
    public var description: String {
        switch self {
        case .empty(let field):
            "'\(field)' must name a file or folder but is empty"
        case .absolute(let field, let value):
            "'\(field)' must be a relative path, not the absolute path '\(value)'"
        case .parentReference(let field, let value):
            "'\(field)' must not refer to a parent folder ('..'), but is '\(value)'"
        case .invalidCharacter(let field, let value):
            "'\(field)' must not contain control characters or backslashes, but is '\(Self.visible(value))'"
        case .escapesRoot(let field, let value):
            "'\(field)' is '\(value)', which leads outside the allowed folder"
        }
    }

    /// The value with control characters shown as `\u{…}` escapes, so a message never carries raw NULs.
    private static func visible(_ value: String) -> String {
        var text = ""
        for scalar in value.unicodeScalars {
            if scalar.properties.generalCategory == .control {
                text += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                text.unicodeScalars.append(scalar)
            }
        }
        return text
    }
}
