/// A window's bounds in event time (ms), as Kafka's `TimeWindow` / `SessionWindow`: a time window is
/// `[start, end)`, a sliding window `[start, end]`, a session `[start, end]` (both the first and last record).
public struct Window: Hashable, Sendable, CustomStringConvertible {
    public var start: Int64
    public var end: Int64

    public init(start: Int64, end: Int64) {
        self.start = start
        self.end = end
    }

    public var description: String { "Window{startMs=\(start), endMs=\(end)}" }
}

/// A key of a windowed table (Kafka's `Windowed<K>`): the record key and the window it was aggregated in.
public struct Windowed<K>: CustomStringConvertible {
    public var key: K
    public var window: Window

    public init(key: K, window: Window) {
        self.key = key
        self.window = window
    }

    /// Kafka's `Windowed.toString()`: `[key@start/end]`.
    public var description: String { "[\(key)@\(window.start)/\(window.end)]" }
}

extension Windowed: Equatable where K: Equatable {}
extension Windowed: Hashable where K: Hashable {}
extension Windowed: Sendable where K: Sendable {}

/// A windows definition that is not valid (size, advance, grace): one sentence, as Kafka's IllegalArgumentException.
public struct WindowsError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension Duration {
    /// Whole milliseconds (Kafka's windows are defined in ms).
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
