import Histogram
import Synchronization

/// Throughput and latency bookkeeping for `samsa perf`, reported the way kafka-producer-perf-test does.
///
/// Thread-safety: `record` may be called from delivery callbacks on any thread.
public final class PerfStats: Sendable {
    private struct State {
        var histogram = Histogram<UInt64>(highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: .three)
        var count = 0
        var bytes = 0
        var errors = 0
        var windowCount = 0
        var windowBytes = 0
        var windowLatencyTotal: UInt64 = 0
        var windowMax: UInt64 = 0
        var windowStart = ContinuousClock.now
    }

    private let state = Mutex(State())
    public let start = ContinuousClock.now

    public init() {}

    /// One record done after `latencyMicros`, carrying `bytes` of payload.
    public func record(latencyMicros: UInt64, bytes: Int) {
        state.withLock { s in
            _ = s.histogram.record(max(latencyMicros, 1))
            s.count += 1
            s.bytes += bytes
            s.windowCount += 1
            s.windowBytes += bytes
            s.windowLatencyTotal += latencyMicros
            s.windowMax = max(s.windowMax, latencyMicros)
        }
    }

    public func recordError() { state.withLock { $0.errors += 1 } }
    public var errors: Int { state.withLock { $0.errors } }
    public var count: Int { state.withLock { $0.count } }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    public static func format(_ value: Double, _ digits: Int) -> String {
        let scale = pow10(digits)
        let rounded = (value * scale).rounded() / scale
        var text = "\(rounded)"
        if let dot = text.firstIndex(of: ".") {
            let decimals = text.distance(from: dot, to: text.endIndex) - 1
            if decimals < digits { text += String(repeating: "0", count: digits - decimals) }
        } else if digits > 0 {
            text += "." + String(repeating: "0", count: digits)
        }
        return text
    }

    private static func pow10(_ n: Int) -> Double { (0..<n).reduce(1.0) { r, _ in r * 10 } }

    /// "N records sent, X records/sec (Y MB/sec), A ms avg latency, M ms max latency." for the last window.
    public func windowLine() -> String {
        state.withLock { s in
            let elapsed = Self.seconds(ContinuousClock.now - s.windowStart)
            let rate = Double(s.windowCount) / max(elapsed, 1e-9)
            let mb = Double(s.windowBytes) / 1_048_576 / max(elapsed, 1e-9)
            let average = s.windowCount > 0 ? Double(s.windowLatencyTotal) / Double(s.windowCount) / 1000 : 0
            let line = "\(s.windowCount) records sent, \(Self.format(rate, 1)) records/sec (\(Self.format(mb, 2)) MB/sec), "
                + "\(Self.format(average, 1)) ms avg latency, \(Self.format(Double(s.windowMax) / 1000, 1)) ms max latency."
            s.windowCount = 0
            s.windowBytes = 0
            s.windowLatencyTotal = 0
            s.windowMax = 0
            s.windowStart = ContinuousClock.now
            return line
        }
    }

    /// The final summary with percentiles.
    public func summaryLine() -> String {
        state.withLock { s in
            let elapsed = Self.seconds(ContinuousClock.now - start)
            let rate = Double(s.count) / max(elapsed, 1e-9)
            let mb = Double(s.bytes) / 1_048_576 / max(elapsed, 1e-9)
            func ms(_ micros: UInt64) -> String { Self.format(Double(micros) / 1000, 2) }
            return "\(s.count) records sent, \(Self.format(rate, 1)) records/sec (\(Self.format(mb, 2)) MB/sec), "
                + "\(Self.format(s.histogram.mean / 1000, 2)) ms avg latency, \(ms(s.histogram.max)) ms max latency, "
                + "\(ms(s.histogram.valueAtPercentile(50))) ms 50th, \(ms(s.histogram.valueAtPercentile(95))) ms 95th, "
                + "\(ms(s.histogram.valueAtPercentile(99))) ms 99th, \(ms(s.histogram.valueAtPercentile(99.9))) ms 99.9th."
        }
    }

    /// Totals for a consumer run: MB, MB/s, records, records/s.
    public func consumeSummary() -> (megabytes: Double, mbPerSecond: Double, records: Int, recordsPerSecond: Double, seconds: Double) {
        state.withLock { s in
            let elapsed = max(Self.seconds(ContinuousClock.now - start), 1e-9)
            let mb = Double(s.bytes) / 1_048_576
            return (mb, mb / elapsed, s.count, Double(s.count) / elapsed, elapsed)
        }
    }
}
