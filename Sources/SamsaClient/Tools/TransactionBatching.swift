/// The console producer's transaction rule: with `transactional.id`, every `size` records sent make one
/// transaction (size 1: each line its own); at the end of input the open transaction commits.
public struct TransactionBatching: Sendable, Equatable {
    public let size: Int
    /// Records sent in the open transaction.
    public private(set) var open = 0

    public init(size: Int) {
        precondition(size >= 1, "a transaction holds at least one record")
        self.size = size
    }

    /// Counts a record sent; true when the transaction is now full and should commit.
    public mutating func recordSent() -> Bool {
        open += 1
        return open >= size
    }

    /// The open transaction committed or aborted: the next record starts a new one.
    public mutating func ended() { open = 0 }

    /// Whether a transaction is open with records in it (to commit at the end of input).
    public var hasOpenRecords: Bool { open > 0 }
}
