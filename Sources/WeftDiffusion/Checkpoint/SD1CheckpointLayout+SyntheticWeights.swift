public import WeftTensor

extension SD1CheckpointLayout {
    /// Writes a checkpoint with every tensor of this layout, filled with deterministic pseudo-random values (the same
    /// for the same `seed`, on any machine) scaled like a freshly initialised network, to `path` as safetensors with
    /// values stored as `storage`. It produces full-size test and benchmark models without downloading real weights;
    /// the whole encoded file is held in memory until it is written (about 2.1 GB at F16 for SD1.5).
    /// - Throws: `SafetensorsError` when the file cannot be written.
    public func writeSyntheticCheckpoint(
        to path: String, seed: UInt64 = 0, storage: SafetensorsWriter.Storage = .f16
    ) throws(SafetensorsError) {
        let specs = tensors()
        let shapes = Dictionary(specs.map { ($0.key, $0.shape) }, uniquingKeysWith: { first, _ in first })
        var writer = SafetensorsWriter(metadata: [
            "format": "pt", "description": "synthetic SD1.x-layout checkpoint with pseudo-random weights", "weight_seed": "\(seed)",
        ])
        for spec in specs {
            let sibling = spec.key.hasSuffix(".bias") ? shapes[String(spec.key.dropLast("bias".count)) + "weight"] : nil
            let distribution = SyntheticWeightDistribution(for: spec, siblingWeightShape: sibling)
            let values = distribution.values(count: spec.elementCount, from: CounterRandomStream(seed: seed, name: spec.key))
            try writer.add(spec.key, values: values, shape: spec.shape, storage: storage)
        }
        try writer.write(to: path)
    }
}
