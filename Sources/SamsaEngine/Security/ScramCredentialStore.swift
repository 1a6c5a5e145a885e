import SamsaProtocol
import Synchronization

/// The SCRAM credentials the brokers check logins against, per user and mechanism (salted and hashed,
/// never a password).
///
/// Thread-safety: a mutex guards the table; any thread may read or change it.
public final class ScramCredentialStore: Sendable {
    private let table: Mutex<[String: [ScramMechanism: ScramCredential]]> = Mutex([:])

    public init() {}

    public func credential(user: String, mechanism: ScramMechanism) -> ScramCredential? {
        table.withLock { $0[user]?[mechanism] }
    }

    public func set(user: String, mechanism: ScramMechanism, _ credential: ScramCredential) {
        table.withLock { $0[user, default: [:]][mechanism] = credential }
    }

    /// Removes one mechanism's credential; true if there was one.
    @discardableResult
    public func remove(user: String, mechanism: ScramMechanism) -> Bool {
        table.withLock { table in
            guard table[user]?.removeValue(forKey: mechanism) != nil else { return false }
            if table[user]?.isEmpty == true { table[user] = nil }
            return true
        }
    }

    /// Every user with the mechanisms and iteration counts they have (what DescribeUserScramCredentials shows).
    public var all: [String: [ScramMechanism: ScramCredential]] { table.withLock { $0 } }

    public func replaceAll(_ credentials: [String: [ScramMechanism: ScramCredential]]) {
        table.withLock { $0 = credentials }
    }
}
