/// The few ANSI escape sequences the live display uses.
enum ANSI {
    static let hideCursor = "\u{1B}[?25l"
    static let showCursor = "\u{1B}[?25h"
    /// Erases the whole current line.
    static let clearLine = "\u{1B}[2K"
    /// Erases from the cursor to the end of the screen.
    static let clearBelow = "\u{1B}[J"

    /// Moves the cursor to the start of the line `lines` above.
    static func up(_ lines: Int) -> String { "\u{1B}[\(lines)F" }

    static func green(_ text: String) -> String { "\u{1B}[32m\(text)\u{1B}[0m" }
    static func red(_ text: String) -> String { "\u{1B}[31m\(text)\u{1B}[0m" }
    static func yellow(_ text: String) -> String { "\u{1B}[33m\(text)\u{1B}[0m" }
    static func cyan(_ text: String) -> String { "\u{1B}[36m\(text)\u{1B}[0m" }
    static func dim(_ text: String) -> String { "\u{1B}[2m\(text)\u{1B}[0m" }
}
