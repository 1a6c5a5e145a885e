import Foundation
import SamsaClient
import Synchronization
@testable import SamsaTUI

/// A workbench source for tests: hands out a snapshot the test sets, records every action, and fails
/// actions the test chooses to fail.
final class FakeWorkbenchSource: WorkbenchSource {
    private let current: Mutex<WorkbenchSnapshot>
    private let log: Mutex<[String]> = Mutex([])
    private let failure: Mutex<WorkbenchError?> = Mutex(nil)
    /// Records sent in each open transaction.
    private let transactionRecords: Mutex<[String: Int]> = Mutex([:])
    private let produceDelay: Mutex<(@Sendable (ProduceRequest) -> Duration)?> = Mutex(nil)

    init(_ snapshot: WorkbenchSnapshot = Fixtures.cluster()) {
        current = Mutex(snapshot)
    }

    func set(_ snapshot: WorkbenchSnapshot) { current.withLock { $0 = snapshot } }
    func failNext(with error: WorkbenchError) { failure.withLock { $0 = error } }
    /// Makes each send take as long as `delay` says before it is answered.
    func delayProduce(_ delay: @escaping @Sendable (ProduceRequest) -> Duration) { produceDelay.withLock { $0 = delay } }
    var actions: [String] { log.withLock { $0 } }

    func snapshot() -> WorkbenchSnapshot { current.withLock { $0 } }

    private func record(_ action: String) throws {
        log.withLock { $0.append(action) }
        if let error = failure.withLock({ value -> WorkbenchError? in defer { value = nil }; return value }) { throw error }
    }

    func createTopic(name: String, partitions: Int, replicationFactor: Int) async throws {
        try record("create \(name) \(partitions) \(replicationFactor)")
    }
    func deleteTopic(name: String) async throws { try record("delete \(name)") }
    func addPartitions(topic: String, totalPartitions: Int) async throws { try record("grow \(topic) \(totalPartitions)") }
    func produce(_ request: ProduceRequest) async throws -> ProduceReceipt {
        try record("produce \(request.topic) \(request.key ?? "-") \(request.value)" + (request.transactionalId.map { " in \($0)" } ?? ""))
        if let id = request.transactionalId { transactionRecords.withLock { $0[id, default: 0] += 1 } }
        if let delay = produceDelay.withLock({ $0 }) { try? await Task.sleep(for: delay(request)) }
        return ProduceReceipt(partition: 2, offset: request.acks == .none ? -1 : 17)
    }
    func startConsumer(group: String, topic: String, isolation: IsolationLevel) async throws -> String {
        try record("start \(group) \(topic)" + (isolation == .readCommitted ? " read_committed" : ""))
        return "member-1"
    }
    func stopConsumer(memberId: String) async throws { try record("stop \(memberId)") }
    func resetOffsets(group: String, topic: String, to target: OffsetResetTarget) async throws {
        try record("reset \(group) \(topic) \(target.rawValue)")
    }
    func beginTransaction(transactionalId: String) async throws -> TransactionReceipt {
        try record("begin \(transactionalId)")
        transactionRecords.withLock { $0[transactionalId] = 0 }
        return TransactionReceipt(transactionalId: transactionalId, producerId: 4, producerEpoch: 0)
    }
    func commitTransaction(transactionalId: String) async throws -> TransactionReceipt {
        try record("commit \(transactionalId)")
        let records = transactionRecords.withLock { $0.removeValue(forKey: transactionalId) ?? 0 }
        return TransactionReceipt(transactionalId: transactionalId, producerId: 4, producerEpoch: 0, records: records)
    }
    func abortTransaction(transactionalId: String) async throws -> TransactionReceipt {
        try record("abort \(transactionalId)")
        let records = transactionRecords.withLock { $0.removeValue(forKey: transactionalId) ?? 0 }
        return TransactionReceipt(transactionalId: transactionalId, producerId: 4, producerEpoch: 0, records: records)
    }
    func killBroker(_ id: Int32) async throws { try record("kill \(id)") }
    func stopBroker(_ id: Int32) async throws { try record("stopBroker \(id)") }
    func startBroker(_ id: Int32) async throws { try record("startBroker \(id)") }
    func isolateBroker(_ id: Int32) async throws { try record("isolate \(id)") }
    func heal() async throws { try record("heal") }
    func electLeaders() async throws { try record("elect") }
}

/// An attach-mode source: no fault methods, so the protocol's defaults answer.
struct AttachedSource: WorkbenchSource {
    func snapshot() -> WorkbenchSnapshot { Fixtures.cluster(mode: .attached(bootstrap: "kafka:9092")) }
    func createTopic(name: String, partitions: Int, replicationFactor: Int) async throws {}
    func deleteTopic(name: String) async throws {}
    func addPartitions(topic: String, totalPartitions: Int) async throws {}
    func produce(_ request: ProduceRequest) async throws -> ProduceReceipt { ProduceReceipt(partition: 0, offset: 0) }
    func startConsumer(group: String, topic: String, isolation: IsolationLevel) async throws -> String { "m" }
    func beginTransaction(transactionalId: String) async throws -> TransactionReceipt {
        TransactionReceipt(transactionalId: transactionalId, producerId: 1, producerEpoch: 0)
    }
    func commitTransaction(transactionalId: String) async throws -> TransactionReceipt {
        TransactionReceipt(transactionalId: transactionalId, producerId: 1, producerEpoch: 0)
    }
    func abortTransaction(transactionalId: String) async throws -> TransactionReceipt {
        TransactionReceipt(transactionalId: transactionalId, producerId: 1, producerEpoch: 0)
    }
    func stopConsumer(memberId: String) async throws {}
    func resetOffsets(group: String, topic: String, to target: OffsetResetTarget) async throws {}
}
