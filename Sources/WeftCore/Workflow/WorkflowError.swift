/// A document that is not a usable API-format workflow, with every structural problem found in it.
public struct WorkflowError: Error, Equatable, Sendable, CustomStringConvertible {
    /// One thing wrong with the document, and where.
    public struct Problem: Equatable, Sendable, CustomStringConvertible {
        /// Where the problem is, e.g. `$["3"].inputs.model`.
        public var path: JSONPath
        /// What is wrong, e.g. "links to node '9', which is not in the workflow".
        public var message: String

        public init(path: JSONPath, message: String) {
            self.path = path
            self.message = message
        }

        public var description: String { "\(path): \(message)" }
    }

    /// All problems found, in document order.
    public var problems: [Problem]

    public init(problems: [Problem]) {
        self.problems = problems
    }

    public init(_ path: JSONPath, _ message: String) {
        self.init(problems: [Problem(path: path, message: message)])
    }

    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}
