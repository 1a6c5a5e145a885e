import Foundation
import SamsaClient
import SamsaProtocol

/// What attach mode sees of transactions: every coordinator's transactional ids (ListTransactions), each
/// described (DescribeTransactions), and the last stable offset of the partitions open transactions wrote
/// to (ListOffsets at read_committed). A cluster too old for these APIs simply shows none.
extension ObservedCluster {
    /// At most this many transactional ids are described per look, so a busy cluster does not stall the poll.
    static let describedTransactions = 100

    static func transactions(_ admin: Admin) async -> [TransactionStatus] {
        guard let listed = try? await admin.listTransactions() else { return [] }
        var result: [TransactionStatus] = []
        for id in Set(listed.map(\.transactionalId)).sorted().prefix(describedTransactions) {
            guard let described = try? await admin.describeTransaction(id) else { continue }
            result.append(TransactionStatus(
                transactionalId: id, producerId: described.producerId, producerEpoch: described.producerEpoch,
                state: TransactionStatus.State(kafkaName: described.state), timeoutMs: described.transactionTimeoutMs,
                partitions: described.topicPartitions,
                startTime: described.transactionStartTimeMs.map { Date(timeIntervalSince1970: Double($0) / 1000) },
                coordinator: described.coordinatorId))
        }
        return result
    }

    /// The LSO of every partition an open transaction wrote to; the others' is their high watermark.
    static func lastStableOffsets(_ admin: Admin, of transactions: [TransactionStatus]) async -> [TopicPartition: Int64] {
        var result: [TopicPartition: Int64] = [:]
        for tp in Set(transactions.filter(\.state.isOpen).flatMap(\.partitions)).sorted() {
            if let stable = try? await admin.listOffset(topic: tp.topic, partition: tp.partition, spec: -1, isolation: .readCommitted) {
                result[tp] = stable.offset
            }
        }
        return result
    }
}
