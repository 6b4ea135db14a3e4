#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The process's standard output or standard error, written with unbuffered `write(2)` calls so text from
/// progress displays, signal handlers and commands never interleaves out of order.
enum StandardStream: Sendable {
    case output
    case error

    /// The stream's file descriptor.
    var fileDescriptor: Int32 {
        switch self {
        case .output: STDOUT_FILENO
        case .error: STDERR_FILENO
        }
    }

    /// Whether the stream is a terminal (live progress and colours are drawn only then).
    var isTerminal: Bool { isatty(fileDescriptor) == 1 }

    /// The terminal's size in columns and rows, or nil when the stream is not a terminal.
    var terminalSize: (columns: Int, rows: Int)? {
        var size = winsize()
        guard ioctl(fileDescriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return (Int(size.ws_col), Int(size.ws_row))
    }

    /// Writes the text as is; retries partial writes and interrupted calls, drops the rest on other errors.
    func write(_ text: String) {
        var bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return }
        bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = posixWrite(fileDescriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0, errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
    }

    /// Writes the text followed by a newline.
    func writeLine(_ text: String = "") {
        write(text + "\n")
    }

    /// Writes each line followed by a newline, in one call.
    func writeLines(_ lines: [String]) {
        write(lines.map { $0 + "\n" }.joined())
    }
}

/// `write(2)`, named apart from ``StandardStream/write(_:)``.
private func posixWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
        Glibc.write(descriptor, bytes, count)
    #else
        Darwin.write(descriptor, bytes, count)
    #endif
}
