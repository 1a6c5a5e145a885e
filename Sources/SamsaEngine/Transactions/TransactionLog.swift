import NIOCore
import SamsaProtocol

/// The internal topic `__transaction_state`: each transactional id's latest metadata in Kafka's record
/// formats (TransactionLogKey/Value), so transactions survive restarts and move with partition leadership.
enum TransactionLog {
    static let name = "__transaction_state"

    /// Topic configs Kafka gives the transaction log: compacted, uncompressed, min.insync.replicas capped
    /// by the replication factor so a small cluster can still write it.
    static func configs(_ config: TransactionCoordinatorConfig, replicationFactor: Int) -> [String: String] {
        ["cleanup.policy": "compact", "segment.bytes": String(config.logSegmentBytes), "compression.type": "uncompressed",
         "min.insync.replicas": String(max(1, min(config.logMinInsyncReplicas, replicationFactor))),
         "unclean.leader.election.enable": "false"]
    }

    /// The record storing `metadata`, or a tombstone for `transactionalId` when nil.
    static func record(_ transactionalId: String, _ metadata: TransactionMetadata?) -> (key: ByteBuffer, value: ByteBuffer?) {
        (TransactionLogKey(transactionalId: transactionalId).encode(), metadata?.logValue.encode())
    }

    /// Rebuilds every transactional id stored in one partition by replaying its log: the latest record per
    /// key wins and a tombstone removes the id.
    static func replay(_ partition: Partition) throws -> [String: TransactionMetadata] {
        var transactions: [String: TransactionMetadata] = [:]
        var offset = partition.logStartOffset
        while offset < partition.logEndOffset {
            let (read, _) = try partition.read(from: offset, maxBytes: 1 << 20, uncommitted: true)
            let batches = try RecordBatch.decodeAll(read.records)
            guard let last = batches.last else { break }
            for batch in batches where !batch.header.isControl {
                for record in batch.records {
                    guard let keyBytes = record.key else { continue }
                    let id = try TransactionLogKey.decode(keyBytes).transactionalId
                    if let value = record.value {
                        transactions[id] = try TransactionMetadata(transactionalId: id, value: TransactionLogValue.decode(value))
                    } else {
                        transactions[id] = nil
                    }
                }
            }
            offset = last.header.nextOffset
        }
        return transactions
    }
}
