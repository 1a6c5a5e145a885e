import SamsaClient
import SamsaProtocol

/// Kafka's `HandleRebalance` for a sink task: before partitions are revoked their offsets are committed and
/// the task closes them; new partitions are opened. `@unchecked Sendable` because the group consumer calls it
/// only from inside `poll`/`close`, which the sink task's own Swift Task runs — the task object never
/// crosses to another Swift Task.
final class SinkRebalanceListener: ConsumerRebalanceListener, @unchecked Sendable {
    private unowned let owner: WorkerSinkTask

    init(owner: WorkerSinkTask) {
        self.owner = owner
    }

    func onPartitionsRevoked(_ partitions: [TopicPartition]) async {
        await owner.commit(partitions)
        do {
            try owner.task.close(partitions)
        } catch {
            owner.logger.error("\(owner.id) Failed to close partitions \(partitions): \(error)")
        }
        for tp in partitions { owner.currentOffsets[tp] = nil }
        owner.context.state.withLock { $0.assignment = [] }
    }

    func onPartitionsAssigned(_ partitions: [TopicPartition], userData: [UInt8]?) async {
        owner.context.state.withLock { s in
            s.assignment = partitions
            s.paused = s.paused.intersection(partitions)
        }
        // The consumer forgets pauses when partitions are revoked; the task's and the connector's stay.
        owner.applyPauses()
        do {
            try owner.task.open(partitions)
        } catch {
            owner.logger.error("\(owner.id) Failed to open partitions \(partitions): \(error)")
        }
    }
}
