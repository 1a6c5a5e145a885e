import Synchronization

/// SASL logins the brokers accepted and refused, per mechanism (Kafka's successful-authentication-total and
/// failed-authentication-total metrics).
///
/// Thread-safety: a mutex guards the counts; any thread may record or read.
public final class LoginStats: Sendable {
    public struct Counts: Sendable, Equatable {
        public var succeeded = 0
        public var failed = 0

        public init(succeeded: Int = 0, failed: Int = 0) {
            self.succeeded = succeeded
            self.failed = failed
        }
    }

    private let table: Mutex<[String: Counts]> = Mutex([:])

    public init() {}

    public func recordSuccess(mechanism: String) { table.withLock { $0[mechanism, default: Counts()].succeeded += 1 } }

    public func recordFailure(mechanism: String) { table.withLock { $0[mechanism, default: Counts()].failed += 1 } }

    public func counts(mechanism: String) -> Counts { table.withLock { $0[mechanism] ?? Counts() } }

    /// Every mechanism that saw a login.
    public var all: [String: Counts] { table.withLock { $0 } }
}
