import Synchronization

/// Keys that were pasted into workflows as literal values, held in this process's memory only under generated
/// names (`WEFT_INLINE_KEY_…`), so the stored prompt carries the name and the run still has the key.
///
/// The same literal always gets the same name within a process, so resubmitting a workflow hits the cache. The
/// vault is gone after a restart; a stored prompt that still names one of its keys then fails with a clear error.
final class InlineSecretVault: Sendable {
    /// The prefix of every generated name.
    static let namePrefix = "WEFT_INLINE_KEY_"

    private let entries = Mutex<(byName: [String: String], byValue: [String: String])>(([:], [:]))

    /// The name standing for `literal`, made on first sight.
    func name(for literal: String) -> String {
        entries.withLock { entries in
            if let name = entries.byValue[literal] { return name }
            var name: String
            repeat {
                name = Self.namePrefix + String(UInt32.random(in: .min ... .max), radix: 16, uppercase: true)
            } while entries.byName[name] != nil
            entries.byName[name] = literal
            entries.byValue[literal] = name
            return name
        }
    }

    /// The literal stored under `name`, if any.
    func value(named name: String) -> String? {
        entries.withLock { $0.byName[name] }
    }

    /// Every literal held, with its name.
    var namesByValue: [String: String] {
        entries.withLock { $0.byValue }
    }

    /// Whether `name` has the shape of a generated name.
    static func isGeneratedName(_ name: String) -> Bool {
        name.hasPrefix(namePrefix)
    }
}
