import Foundation

/// Timing of full-frame renders onto an in-memory canvas (for `samsa perf tui` and BENCHMARKS.md).
public struct FrameTiming: Sendable, CustomStringConvertible {
    public let frames: Int
    public let rows: Int
    public let cols: Int
    /// Milliseconds per frame.
    public let mean: Double
    public let median: Double
    public let p99: Double
    public let max: Double

    public var description: String {
        String(format: "%d frames of %dx%d: mean %.3f ms, p50 %.3f ms, p99 %.3f ms, max %.3f ms",
               frames, cols, rows, mean, median, p99, max)
    }
}
