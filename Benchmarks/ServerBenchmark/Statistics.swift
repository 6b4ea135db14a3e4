extension Duration {
    /// The duration in milliseconds.
    var milliseconds: Double {
        Double(components.seconds) * 1e3 + Double(components.attoseconds) / 1e15
    }
}

extension Array where Element == Duration {
    /// The nearest-rank percentile (`fraction` 0.5 = median, 0.99 = p99); zero when empty.
    func percentile(_ fraction: Double) -> Duration {
        guard !isEmpty else { return .zero }
        let sorted = self.sorted()
        let rank = Int((fraction * Double(count)).rounded(.up))
        return sorted[Swift.min(Swift.max(rank, 1), count) - 1]
    }
}
