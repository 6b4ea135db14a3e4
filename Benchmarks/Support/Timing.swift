// Wall-clock timing shared by the release benchmarks.
import Foundation

/// Seconds elapsed in `duration`.
public func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// The result of `body` and the wall-clock seconds it took.
public func timed<Result>(_ body: () throws -> Result) rethrows -> (result: Result, seconds: Double) {
    let clock = ContinuousClock()
    let start = clock.now
    let result = try body()
    return (result, seconds(clock.now - start))
}

/// The seconds of `repetitions` runs of `body` after one warm-up run, fastest first.
public func sortedTimes(repetitions: Int, _ body: () -> Void) -> [Double] {
    body()
    return (0..<repetitions).map { _ in timed(body).seconds }.sorted()
}

/// The median seconds of `repetitions` runs of `body` after one warm-up run.
public func medianTime(repetitions: Int, _ body: () -> Void) -> Double {
    let times = sortedTimes(repetitions: repetitions, body)
    return times[times.count / 2]
}
