import Foundation

/// Tells transaction events from two successive looks at the coordinators (attach mode sees no events of
/// the broker's own): a transaction begun, committed or aborted, and a producer fenced by a newer epoch.
/// A look misses what began and ended between two polls; what it sees at the end is still told.
enum TransactionNarration {
    static func changes(from old: [TransactionStatus], to new: [TransactionStatus], now: Date) -> [ClusterEvent] {
        let before = Dictionary(old.map { ($0.transactionalId, $0) }, uniquingKeysWith: { first, _ in first })
        var told: [ClusterEvent] = []
        for transaction in new {
            let id = transaction.transactionalId
            let producer = "producer \(transaction.producerId), epoch \(transaction.producerEpoch)"
            let was = before[id]
            if let was, transaction.producerId == was.producerId, transaction.producerEpoch > was.producerEpoch {
                told.append(ClusterEvent(time: now, kind: .producerFenced,
                                         text: "Transactional id \(id) moved to epoch \(transaction.producerEpoch): its producer at epoch \(was.producerEpoch) is fenced"))
            }
            guard was?.state != transaction.state else { continue }
            switch transaction.state {
            case .ongoing:
                let partitions = transaction.partitions.isEmpty ? "" : " on " + GroupDetail.compress(transaction.partitions)
                told.append(ClusterEvent(time: now, kind: .transactionBegan, text: "Transaction \(id) began (\(producer))\(partitions)"))
            case .completeCommit:
                told.append(ClusterEvent(time: now, kind: .transactionCommitted, text: "Transaction \(id) committed (\(producer))"))
            case .completeAbort:
                told.append(ClusterEvent(time: now, kind: .transactionAborted, text: "Transaction \(id) aborted (\(producer))"))
            default:
                break
            }
        }
        return told
    }
}
