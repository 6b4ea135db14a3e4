public import Foundation

/// Chooses where output files go, with ComfyUI's save-path rule (`folder_paths.get_save_image_path`).
///
/// A `filename_prefix` such as `"portraits/%year%/cat"` has its variables substituted, is split into a
/// subfolder (`portraits/2025`) and a base name (`cat`), and must stay inside the root. Files are then named
/// `{base}_{counter:05d}_.{ext}`, where the first counter is one more than the largest counter among the files
/// already named after the base in that folder (`cat_00007_.png` → 8), so earlier outputs are never replaced.
///
/// Differences from ComfyUI, both on the safe side: an empty base name (prefix `""` or `"a/.."`) is refused
/// rather than saved as `._00001_.png`, and when the base holds `%batch_num%` the counter scan lets it match
/// any number, so batch files are not overwritten by the next run.
public struct OutputPathAllocator: Sendable {
    /// The folder every output stays inside (the output or temp directory).
    public var root: URL

    /// An allocator for files under `root`.
    public init(root: URL) {
        self.root = root
    }

    /// Where a save goes: the folder, the base name and the first counter to use.
    public struct Allocation: Sendable, Equatable {
        /// The folder the files go into (created if it was missing).
        public var folder: URL
        /// The file name's stem; may still hold `%batch_num%`, replaced per file by ``fileName(batchIndex:fileExtension:)``.
        public var baseName: String
        /// The counter of the first file; file `i` of a batch uses `counter + i`.
        public var counter: Int
        /// The folder relative to the root, `/`-separated, `""` for the root itself (the `subfolder` of UI entries).
        public var subfolder: String

        /// Creates an allocation from its parts.
        public init(folder: URL, baseName: String, counter: Int, subfolder: String) {
            self.folder = folder
            self.baseName = baseName
            self.counter = counter
            self.subfolder = subfolder
        }

        /// The name of file `batchIndex` of a batch: `{base}_{counter + batchIndex:05d}_.{fileExtension}`, with
        /// `%batch_num%` in the base replaced by the batch index. `fileExtension` has no leading dot.
        public func fileName(batchIndex: Int = 0, fileExtension: String) -> String {
            let stem = baseName.replacingOccurrences(of: "%batch_num%", with: String(batchIndex))
            return "\(stem)_\(Self.padded(counter + batchIndex))_.\(fileExtension)"
        }

        /// File `batchIndex` of a batch, with its URL, name and subfolder.
        public func file(batchIndex: Int = 0, fileExtension: String) -> OutputFile {
            let name = fileName(batchIndex: batchIndex, fileExtension: fileExtension)
            return OutputFile(url: folder.appending(path: name, directoryHint: .notDirectory), filename: name, subfolder: subfolder)
        }

        /// Python's `f"{n:05}"`.
        private static func padded(_ number: Int) -> String {
            let digits = String(number.magnitude)
            let zeros = String(repeating: "0", count: Swift.max(0, (number < 0 ? 4 : 5) - digits.count))
            return (number < 0 ? "-" : "") + zeros + digits
        }
    }

    /// One output file: where it is on disk and how clients name it.
    public struct OutputFile: Sendable, Equatable {
        /// The file's location.
        public var url: URL
        /// The file name without folders, e.g. `ComfyUI_00001_.png`.
        public var filename: String
        /// The folder relative to the root, `""` for the root itself.
        public var subfolder: String

        /// Creates a file description from its parts.
        public init(url: URL, filename: String, subfolder: String) {
            self.url = url
            self.filename = filename
            self.subfolder = subfolder
        }

        /// The entry a node's UI output lists for the file: `{"filename", "subfolder", "type"}`, where `type`
        /// names the root (`"output"`, `"temp"`).
        public func uiEntry(type: String = "output") -> JSONValue {
            ["filename": .string(filename), "subfolder": .string(subfolder), "type": .string(type)]
        }
    }

    /// Resolves a `filename_prefix` (ComfyUI's SaveImage points 1–3): substitutes `%width%`, `%height%`,
    /// `%year%`, `%month%`, `%day%`, `%hour%`, `%minute%` and `%second%` (zero-padded, in `timeZone`), splits off
    /// the subfolder, checks it stays inside the root, creates it if missing and finds the first free counter.
    ///
    /// `width` and `height` are the size of the first image; like ComfyUI, they are 0 when there is none.
    public func allocate(
        prefix: String, width: Int = 0, height: Int = 0, date: Date = Date(), timeZone: TimeZone = .current
    ) throws(OutputPathError) -> Allocation {
        let resolved = Self.substituteVariables(in: prefix, width: width, height: height, date: date, timeZone: timeZone)
        guard !resolved.hasPrefix("/") else { throw .outsideRoot(prefix: prefix) }
        var components: [Substring] = []
        for component in resolved.split(separator: "/", omittingEmptySubsequences: true) where component != "." {
            if component == ".." {
                guard components.popLast() != nil else { throw .outsideRoot(prefix: prefix) }
            } else {
                components.append(component)
            }
        }
        guard let base = components.popLast().map(String.init) else { throw .missingFileName(prefix: prefix) }
        let subfolder = components.joined(separator: "/")
        let folder = subfolder.isEmpty ? root : root.appending(path: subfolder, directoryHint: .isDirectory)

        let names: [String]
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path(percentEncoded: false))
        } catch {
            throw .fileSystem(path: folder.path(percentEncoded: false), reason: String(describing: error))
        }
        let largest = names.compactMap { Self.counter(inFileName: $0, baseName: base) }.max() ?? 0
        let (next, overflow) = largest.addingReportingOverflow(1)
        guard !overflow else { throw .counterExhausted(prefix: prefix) }
        return Allocation(folder: folder, baseName: base, counter: next, subfolder: subfolder)
    }

    /// Writes `data` to the next free file for a prefix and returns it. The file is created exclusively: when a
    /// concurrent writer took the name first, the next counter is tried, so two saves never replace each other.
    /// `width`, `height` and `batchIndex` fill `%width%`, `%height%` and `%batch_num%` for image batches; the
    /// counter is found afresh for each file, so the files of a batch count up one by one.
    public func writeNextFile(
        _ data: Data, prefix: String, fileExtension: String, width: Int = 0, height: Int = 0, batchIndex: Int = 0,
        date: Date = Date(), timeZone: TimeZone = .current
    ) throws(OutputPathError) -> OutputFile {
        var allocation = try allocate(prefix: prefix, width: width, height: height, date: date, timeZone: timeZone)
        allocation.baseName = allocation.baseName.replacingOccurrences(of: "%batch_num%", with: String(batchIndex))
        while true {
            let file = allocation.file(fileExtension: fileExtension)
            do {
                try data.write(to: file.url, options: .withoutOverwriting)
                return file
            } catch let error as CocoaError where error.code == .fileWriteFileExists {
                let (next, overflow) = allocation.counter.addingReportingOverflow(1)
                guard !overflow else { throw .counterExhausted(prefix: prefix) }
                allocation.counter = next
            } catch {
                throw .fileSystem(path: file.url.path(percentEncoded: false), reason: String(describing: error))
            }
        }
    }

    /// The prefix with its `%…%` variables replaced (ComfyUI's `compute_vars`); `%batch_num%` is left for
    /// ``Allocation/fileName(batchIndex:fileExtension:)``.
    public static func substituteVariables(
        in prefix: String, width: Int = 0, height: Int = 0, date: Date = Date(), timeZone: TimeZone = .current
    ) -> String {
        guard prefix.contains("%") else { return prefix }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func twoDigits(_ number: Int?) -> String {
            let text = String(number ?? 0)
            return text.count < 2 ? "0" + text : text
        }
        let replacements: KeyValuePairs<String, String> = [
            "%width%": String(width), "%height%": String(height), "%year%": String(parts.year ?? 0),
            "%month%": twoDigits(parts.month), "%day%": twoDigits(parts.day), "%hour%": twoDigits(parts.hour),
            "%minute%": twoDigits(parts.minute), "%second%": twoDigits(parts.second),
        ]
        var result = prefix
        for (variable, value) in replacements {
            result = result.replacingOccurrences(of: variable, with: value)
        }
        return result
    }

    /// The counter an existing file name carries for a base name, or nil when the name does not belong to it.
    ///
    /// A name belongs to the base when it starts with the base followed by `_` (`%batch_num%` in the base
    /// matching any number); its counter is the run of digits after that `_` up to the next `_` or the end, or
    /// 0 when that part is not a number (ComfyUI's `map_filename`).
    public static func counter(inFileName name: String, baseName: String) -> Int? {
        var rest = Substring(name)
        for (index, literal) in baseName.components(separatedBy: "%batch_num%").enumerated() {
            if index > 0 {
                let digits = rest.prefix(while: \.isASCIIDigit)
                guard !digits.isEmpty else { return nil }
                rest = rest.dropFirst(digits.count)
            }
            guard rest.hasPrefix(literal) else { return nil }
            rest = rest.dropFirst(literal.count)
        }
        guard rest.first == "_" else { return nil }
        let field = rest.dropFirst().prefix { $0 != "_" }
        guard !field.isEmpty, field.allSatisfy(\.isASCIIDigit), let number = Int(field) else { return 0 }
        return number
    }
}

extension Character {
    /// `0`…`9` only (not other scripts' digits).
    fileprivate var isASCIIDigit: Bool { isASCII && isWholeNumber }
}
