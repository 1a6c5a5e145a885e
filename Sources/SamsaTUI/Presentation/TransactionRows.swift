import Foundation

/// Rows of the transactions pane: each transactional producer, its producer id and epoch, the
/// coordinator's state, how long the open transaction has run and the partitions it wrote to.
struct TransactionRow: Equatable {
    let id: String
    /// "4/0": producer id / epoch.
    let producer: String
    let state: String
    /// How long the open transaction has run ("12s", "2m05s"), or "-" when none is open.
    let age: String
    /// "orders[0,1] billing[2]", or "-".
    let partitions: String
    let isOpen: Bool

    init(_ transaction: TransactionStatus, now: Date) {
        id = transaction.transactionalId
        producer = "\(transaction.producerId)/\(transaction.producerEpoch)"
        state = transaction.state.name
        isOpen = transaction.state.isOpen
        age = isOpen ? Self.age(since: transaction.startTime, now: now) : "-"
        partitions = transaction.partitions.isEmpty ? "-" : GroupDetail.compress(transaction.partitions)
    }

    static let header = ["Transactional id", "Producer", "State", "Age", "Partitions"]

    /// 5 → "5s", 125 → "2m05s", 3720 → "1h02m"; "-" when the start is unknown.
    static func age(since start: Date?, now: Date) -> String {
        guard let start else { return "-" }
        let seconds = max(0, Int(now.timeIntervalSince(start)))
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        if seconds < 60 { return "\(seconds)s" }
        if seconds < 3600 { return "\(seconds / 60)m\(two(seconds % 60))s" }
        return "\(seconds / 3600)h\(two(seconds / 60 % 60))m"
    }

    /// Open transactions hold back the LSO (warning); committed ones succeeded, aborted ones did not.
    static func stateStyle(_ state: TransactionStatus.State) -> Style {
        switch state {
        case .ongoing, .prepareCommit, .prepareAbort, .prepareEpochFence: Style(.warning, on: .mainBg, [.bold])
        case .completeCommit: Style(.success)
        case .completeAbort: Style(.error)
        case .empty, .dead, .unknown: Style(.inactiveFg)
        }
    }
}
