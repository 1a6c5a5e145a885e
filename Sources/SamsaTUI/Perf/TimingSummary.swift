/// A distribution of durations in milliseconds, summarised for `samsa perf tui` and BENCHMARKS.md.
public struct TimingSummary: Sendable, CustomStringConvertible {
    public let count: Int
    public let mean: Double
    public let median: Double
    public let p99: Double
    public let max: Double

    public init(milliseconds samples: [Double]) {
        let sorted = samples.sorted()
        count = sorted.count
        mean = sorted.isEmpty ? 0 : sorted.reduce(0, +) / Double(sorted.count)
        median = sorted.isEmpty ? 0 : sorted[sorted.count / 2]
        p99 = sorted.isEmpty ? 0 : sorted[Swift.min(sorted.count - 1, sorted.count * 99 / 100)]
        max = sorted.last ?? 0
    }

    public var description: String {
        String(format: "p50 %.3f ms, p99 %.3f ms, max %.3f ms (mean %.3f ms, %d samples)", median, p99, max, mean, count)
    }
}
