// The README-ready markdown table of the run's figures.

/// Rows of `| measure | result | target | met |`, printed as one markdown table.
struct ResultTable {
    /// One row.
    private struct Row {
        var measure: String
        var result: String
        var target: String
        var met: String
    }

    private var rows: [Row] = []

    /// Adds a row without a target.
    mutating func add(_ measure: String, _ result: String) {
        rows.append(Row(measure: measure, result: result, target: "—", met: ""))
    }

    /// Adds a row with `target`, marked met or missed by `met`.
    mutating func add(_ measure: String, _ result: String, target: String, met: Bool) {
        rows.append(Row(measure: measure, result: result, target: target, met: met ? "yes" : "**no**"))
    }

    /// The table in markdown.
    var markdown: String {
        let lines =
            ["| measure | result | target | met |", "| --- | --- | --- | --- |"]
            + rows.map { "| \($0.measure) | \($0.result) | \($0.target) | \($0.met) |" }
        return lines.joined(separator: "\n")
    }
}
