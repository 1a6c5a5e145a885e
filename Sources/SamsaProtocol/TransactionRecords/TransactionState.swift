/// The state of a transactional id at its coordinator, with the byte Kafka stores in `__transaction_state`
/// (TransactionStatus of TransactionLogValue) and the name DescribeTransactions and ListTransactions use.
public enum TransactionState: Int8, Sendable, CaseIterable, CustomStringConvertible {
    case empty = 0
    case ongoing = 1
    case prepareCommit = 2
    case prepareAbort = 3
    case completeCommit = 4
    case completeAbort = 5
    case dead = 6
    case prepareEpochFence = 7

    /// Kafka's name of the state, as its admin API reports it.
    public var name: String {
        switch self {
        case .empty: "Empty"
        case .ongoing: "Ongoing"
        case .prepareCommit: "PrepareCommit"
        case .prepareAbort: "PrepareAbort"
        case .completeCommit: "CompleteCommit"
        case .completeAbort: "CompleteAbort"
        case .dead: "Dead"
        case .prepareEpochFence: "PrepareEpochFence"
        }
    }

    public var description: String { name }

    public init?(name: String) {
        guard let state = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = state
    }

    /// Markers are being written (or must be, after a coordinator move).
    public var isPreparing: Bool { self == .prepareCommit || self == .prepareAbort }

    /// No transaction is open: a new one may begin.
    public var isIdle: Bool { self == .empty || self == .completeCommit || self == .completeAbort }
}
