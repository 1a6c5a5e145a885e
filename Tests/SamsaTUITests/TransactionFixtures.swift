import Foundation
import SamsaClient
import SamsaProtocol
@testable import SamsaTUI

/// Snapshots with transactions: `orders-0` has an open transaction holding its LSO at 96 under HW 100.
extension Fixtures {
    static func openTransaction(start: Date = time.addingTimeInterval(-75)) -> TransactionStatus {
        TransactionStatus(transactionalId: "workbench-tx", producerId: 4, producerEpoch: 0, state: .ongoing,
                          partitions: [TopicPartition("orders", 0), TopicPartition("orders", 2)], startTime: start, coordinator: 1)
    }

    static let committedTransaction = TransactionStatus(transactionalId: "billing-eos", producerId: 7, producerEpoch: 3,
                                                        state: .completeCommit, coordinator: 0)

    /// `orders` with partition 0's LSO at `lastStable` (HW 100).
    static func ordersInTransaction(lastStable: Int64 = 96) -> TopicStatus {
        let plain = orders()
        let zero = plain.partitions[0]
        return TopicStatus(name: "orders", partitions: [
            PartitionStatus(index: 0, leader: zero.leader, leaderEpoch: zero.leaderEpoch, replicas: zero.replicas,
                            highWatermark: zero.highWatermark, lastStableOffset: lastStable),
        ] + plain.partitions.dropFirst())
    }

    static func transactional(version: UInt64 = 1, lastStable: Int64 = 96, tail: [TailRecord] = [],
                              transactions: [TransactionStatus]? = nil, events: [ClusterEvent]? = nil) -> WorkbenchSnapshot {
        let base = cluster(version: version, topics: [internalTopic, ordersInTransaction(lastStable: lastStable), offlineTopic],
                           tail: tail, events: events)
        return WorkbenchSnapshot(version: base.version, clusterId: base.clusterId, mode: base.mode, brokers: base.brokers,
                                 topics: base.topics, groups: base.groups, events: base.events, tail: base.tail,
                                 consumers: base.consumers, transactions: transactions ?? [committedTransaction, openTransaction()])
    }

    static func tailRecord(offset: Int64, value: String, isolation: IsolationLevel, aborted: Bool = false,
                           consumer: String = "member-1") -> TailRecord {
        TailRecord(topic: "orders", partition: 0, offset: offset, timestamp: time, key: nil, value: value, consumer: consumer,
                   group: "workbench-group", isolation: isolation, aborted: aborted)
    }
}
