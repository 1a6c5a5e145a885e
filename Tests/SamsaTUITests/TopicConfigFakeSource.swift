import Foundation
import SamsaClient
import SamsaProtocol
import Synchronization
@testable import SamsaTUI

/// A source for topic detail and offset resets: configs kept in memory as a broker would keep them
/// (SET makes a config DYNAMIC_TOPIC_CONFIG, DELETE reverts it), a value it refuses as the broker's
/// INVALID_CONFIG would, and a reset planned with the CLI's `OffsetResetPlan`.
final class TopicConfigFakeSource: WorkbenchSource {
    static let defaults: [(String, String)] = [("cleanup.policy", "delete"), ("compression.type", "producer"),
                                               ("min.insync.replicas", "1"), ("retention.ms", "604800000")]
    private let dynamic: Mutex<[String: String]> = Mutex(["retention.ms": "3600000"])
    private let log: Mutex<[String]> = Mutex([])
    /// The group's commits, and its partitions' log start and end.
    let committed: [TopicPartition: Int64] = [TopicPartition("orders", 0): 40, TopicPartition("orders", 1): 70]
    let logOffsets = OffsetResetPlan.LogOffsets(earliest: [TopicPartition("orders", 0): 10, TopicPartition("orders", 1): 0],
                                                latest: [TopicPartition("orders", 0): 100, TopicPartition("orders", 1): 80])
    var actions: [String] { log.withLock { $0 } }

    func snapshot() -> WorkbenchSnapshot { Fixtures.cluster() }

    func describeTopicDetail(_ topic: String) async throws -> TopicDetail {
        let dynamic = self.dynamic.withLock { $0 }
        let configs = Self.defaults.map { name, value in
            dynamic[name].map { ConfigEntryDescription(name: name, value: $0, source: .dynamicTopic) }
                ?? ConfigEntryDescription(name: name, value: value, source: .defaultConfig)
        }
        // Retention below an hour has dropped the first 50 records of partition 0.
        let start: Int64 = Int64(dynamic["retention.ms"] ?? "0").map { $0 < 3_600_000 ? 50 : 10 } ?? 10
        return TopicDetail(topic: topic, configs: configs, partitions: [
            TopicDetail.Partition(partition: 0, logStartOffset: start, logEndOffset: 100, sizeInBytes: 2048),
            TopicDetail.Partition(partition: 1, logStartOffset: 0, logEndOffset: 80, sizeInBytes: 1024),
        ])
    }

    func alterTopicConfig(_ topic: String, _ op: AlterConfigOp) async throws {
        log.withLock { $0.append("alter \(topic) \(op)") }
        switch op {
        case .set(let name, let value):
            guard Int64(value) != nil || name == "cleanup.policy" else {
                throw WorkbenchError("Invalid value \(value) for configuration \(name): Not a number of type LONG (INVALID_CONFIG).")
            }
            dynamic.withLock { $0[name] = value }
        case .delete(let name): dynamic.withLock { $0[name] = nil }
        default: break
        }
    }

    func createTopic(name: String, partitions: Int, replicationFactor: Int, configs: [String: String]) async throws {
        log.withLock { $0.append("create \(name) \(configs.sorted { $0.key < $1.key })") }
    }

    func previewOffsetReset(group: String, _ request: GroupResetRequest) async throws -> GroupResetPreview {
        let partitions = committed.keys.sorted()
        let plan = try OffsetResetPlan.newOffsets(request.scenario.resolved(now: 0), partitions: partitions, log: logOffsets, committed: committed)
        return GroupResetPreview(group: group, summary: GroupResetForm.summary(request), rows: plan.map {
            GroupResetPreview.Row(topic: $0.key.topic, partition: $0.key.partition, current: committed[$0.key], new: $0.value)
        })
    }

    func applyOffsetReset(_ preview: GroupResetPreview) async throws {
        log.withLock { $0.append("apply \(preview.group) \(preview.offsets.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })") }
    }

    func createTopic(name: String, partitions: Int, replicationFactor: Int) async throws {}
    func deleteTopic(name: String) async throws {}
    func addPartitions(topic: String, totalPartitions: Int) async throws {}
    func produce(_ request: SamsaTUI.ProduceRequest) async throws -> ProduceReceipt { ProduceReceipt(partition: 0, offset: 0) }
    func startConsumer(group: String, topic: String, isolation: IsolationLevel) async throws -> String { "m" }
    func stopConsumer(memberId: String) async throws {}
    func resetOffsets(group: String, topic: String, to target: OffsetResetTarget) async throws {}
    func beginTransaction(transactionalId: String) async throws -> TransactionReceipt { throw WorkbenchError("no") }
    func commitTransaction(transactionalId: String) async throws -> TransactionReceipt { throw WorkbenchError("no") }
    func abortTransaction(transactionalId: String) async throws -> TransactionReceipt { throw WorkbenchError("no") }
}
