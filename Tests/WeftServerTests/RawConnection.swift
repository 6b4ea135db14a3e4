import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A bare TCP connection to the test server, for behaving like a broken or stalled client.
final class RawConnection: Sendable {
    private let descriptor: Int32

    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { throw TestServerError.refused(status: 0, body: "connect failed: errno \(errno)") }
    }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        guard write(descriptor, bytes, bytes.count) == bytes.count else { throw TestServerError.refused(status: 0, body: "write failed") }
    }

    /// Whether the server closed the connection (a read returns end of file) within `timeout`.
    func waitForClose(timeout: Duration) async throws -> Bool {
        var flags = fcntl(descriptor, F_GETFL)
        flags |= O_NONBLOCK
        _ = fcntl(descriptor, F_SETFL, flags)
        let deadline = ContinuousClock.now + timeout
        var buffer = [UInt8](repeating: 0, count: 4096)
        while ContinuousClock.now < deadline {
            let count = read(descriptor, &buffer, buffer.count)
            if count == 0 { return true }
            if count < 0 && errno != EAGAIN && errno != EWOULDBLOCK { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    func close() {
        _ = Glibc.close(descriptor)
    }
}
