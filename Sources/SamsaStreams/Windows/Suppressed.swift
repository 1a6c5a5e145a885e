/// How a table's updates are held back (Kafka's `Suppressed`): until the window closes (one final result per
/// window, "emit final"), or until a record has waited a time limit (one result per key per period).
public struct Suppressed: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Buffer time is the window end; emitted once stream time reaches end + the windows' grace.
        case untilWindowCloses
        /// Buffer time is the record's timestamp; emitted once stream time reaches it + `ms`.
        case untilTimeLimit(ms: Int64)
    }

    public let kind: Kind
    public let buffer: BufferConfig
    /// The processor's name; the buffer store is then `<name>-store` (Kafka's naming).
    public private(set) var name: String?

    /// Emit final: exactly one result per window after it closes. The buffer must be strict: unbounded, or
    /// bounded with `.shutDownWhenFull()` (an emitted early result would not be final).
    public static func untilWindowCloses(_ buffer: BufferConfig) throws -> Suppressed {
        guard buffer.whenFull == .shutDown else {
            throw WindowsError("Suppressed.untilWindowCloses needs a strict buffer config: BufferConfig.unbounded() or one with shutDownWhenFull().")
        }
        return Suppressed(kind: .untilWindowCloses, buffer: buffer, name: nil)
    }

    /// Holds each key's updates until `timeToWaitForMoreEvents` of stream time passed since its first buffered one.
    public static func untilTimeLimit(_ timeToWaitForMoreEvents: Duration, _ buffer: BufferConfig) -> Suppressed {
        Suppressed(kind: .untilTimeLimit(ms: timeToWaitForMoreEvents.milliseconds), buffer: buffer, name: nil)
    }

    public func withName(_ name: String) -> Suppressed {
        var copy = self
        copy.name = name
        return copy
    }
}

/// The suppression buffer's bounds (Kafka's `Suppressed.BufferConfig`).
public struct BufferConfig: Sendable, Equatable {
    public enum WhenFull: Sendable, Equatable {
        /// Emit the oldest buffered records early (not final) to make room.
        case emitEarly
        /// Stop the application with an error.
        case shutDown
    }

    public var maxRecords: Int
    public var maxBytes: Int
    public var whenFull: WhenFull
    /// The buffer's changelog `<application.id>-<store>-changelog` (on unless disabled), so it survives restarts.
    public var loggingEnabled = true
    public var changelogConfigs: [String: String] = [:]

    /// No bound: never emits early, never fails.
    public static func unbounded() -> BufferConfig {
        BufferConfig(maxRecords: .max, maxBytes: .max, whenFull: .shutDown)
    }

    public static func maxRecords(_ n: Int) -> BufferConfig {
        BufferConfig(maxRecords: n, maxBytes: .max, whenFull: .emitEarly)
    }

    public static func maxBytes(_ n: Int) -> BufferConfig {
        BufferConfig(maxRecords: .max, maxBytes: n, whenFull: .emitEarly)
    }

    public func emitEarlyWhenFull() -> BufferConfig { with { $0.whenFull = .emitEarly } }
    public func shutDownWhenFull() -> BufferConfig { with { $0.whenFull = .shutDown } }
    public func withLoggingDisabled() -> BufferConfig { with { $0.loggingEnabled = false } }
    public func withLoggingEnabled(_ configs: [String: String]) -> BufferConfig {
        with { $0.loggingEnabled = true; $0.changelogConfigs = configs }
    }

    private func with(_ change: (inout BufferConfig) -> Void) -> BufferConfig {
        var copy = self
        change(&copy)
        return copy
    }
}
