import WeftCore
import WeftDiffusion

/// Reads the sampler and scheduler combos of the sampling nodes.
enum SamplingInputs {
    /// The `sampler_name` input.
    static func sampler(_ inputs: NodeInputs) throws -> SamplerKind {
        let name = try inputs.string("sampler_name")
        guard let sampler = SamplerKind(rawValue: name) else {
            throw DiffusionNodeError.invalidSetting(input: "sampler_name", reason: "'\(name)' is not a sampler Weft runs")
        }
        return sampler
    }

    /// The `scheduler` input.
    static func scheduler(_ inputs: NodeInputs) throws -> Scheduler {
        let name = try inputs.string("scheduler")
        guard let scheduler = Scheduler(rawValue: name) else {
            throw DiffusionNodeError.invalidSetting(input: "scheduler", reason: "'\(name)' is not a scheduler Weft runs")
        }
        return scheduler
    }
}
