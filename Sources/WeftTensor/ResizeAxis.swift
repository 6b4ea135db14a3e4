internal import CTensorKernels

/// The sampling table of one axis of a resize (which input lines each output line reads, and their weights), built by
/// the C kernels and released with this object.
final class ResizeAxis {
    /// The table, valid as long as this object lives.
    let table: UnsafeMutablePointer<wt_resize_axis>

    /// The table that resamples `input` lines to `output` lines (both 1 ... 2^31) under `rule`.
    init(rule: wt_resize_rule, input: Int, output: Int) {
        guard let table = wt_resize_axis_new(rule, input, output) else {
            fatalError("resize: out of memory for the sampling table of \(input) → \(output) lines")
        }
        self.table = table
    }

    deinit {
        wt_resize_axis_free(table)
    }

    /// The most input lines one output line reads.
    var span: Int { table.pointee.span }
}
