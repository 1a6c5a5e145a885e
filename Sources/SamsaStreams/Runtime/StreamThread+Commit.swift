import Foundation
import SamsaClient
import SamsaProtocol

extension StreamThread {
    /// Flushes tasks, sends what they wrote, flushes the producer, then commits the input offsets: through the
    /// transaction under EOS, else to the group, followed by `.checkpoint` files (ALOS only: under EOS a
    /// checkpoint is written only on a clean close).
    func commit() async throws {
        let (outgoing, offsets) = try tasks.withLock { table -> ([OutgoingRecord], [TopicPartition: Int64]) in
            table.nextCommit = .now + .milliseconds(config.commitIntervalMs)
            var out: [OutgoingRecord] = []
            var offsets: [TopicPartition: Int64] = [:]
            for task in table.tasks.values where task.isRunning {
                try task.flush()
                out += task.context.drainOutbox()
                offsets.merge(task.consumed) { $1 }
            }
            return (out, offsets.filter { table.lastCommitted[$0.key] != $0.value })
        }
        try await send(outgoing)
        await producer.flush()
        if let failure = sendFailure.withLock({ $0 }) {
            // Under EOS the transaction is aborted and redone; under ALOS a record is lost, which stops the thread.
            if config.exactlyOnce { throw failure }
            throw StreamsError(.illegalState, "Sending a record failed, so at_least_once cannot be kept: \(failure)")
        }
        if config.exactlyOnce {
            let open = tasks.withLock { $0.inTransaction }
            if !offsets.isEmpty {
                if !open { try producer.beginTransaction() }
                try await producer.sendOffsetsToTransaction(offsets, groupMetadata: consumer.groupMetadata)
            }
            if open || !offsets.isEmpty {
                try await producer.commitTransaction()
                tasks.withLock { $0.inTransaction = false }
            }
        } else if !offsets.isEmpty {
            try await consumer.commit(offsets)
        }
        let logged = changelogOffsets.withLock { $0 }
        try tasks.withLock { table in
            table.lastCommitted.merge(offsets) { $1 }
            for task in table.tasks.values where task.isRunning {
                task.stores.logged.merge(logged.filter { tp, _ in task.stores.entries.contains { $0.changelog == tp } }) { max($0, $1) }
                if !config.exactlyOnce { try task.stores.writeCheckpoint() }
            }
        }
    }

    /// Closes every task. Clean: commit first and write checkpoints (the state matches the committed offsets).
    /// Dirty: abort an open transaction, write nothing, and under EOS wipe the state so it is rebuilt from the
    /// committed changelog.
    func closeAllTasks(clean: Bool) async throws {
        var failure: Error?
        if clean {
            do { try await commit() } catch { failure = error }
        }
        let cleanly = clean && failure == nil
        if !cleanly && config.exactlyOnce && tasks.withLock({ $0.inTransaction }) {
            try? await producer.abortTransaction()
            tasks.withLock { $0.inTransaction = false }
        }
        tasks.withLock { table in
            for task in table.tasks.values {
                let wasRunning = task.isRunning
                task.close()
                if cleanly && wasRunning {
                    do { try task.stores.writeCheckpoint() } catch { logger.warning("Writing the checkpoint of task \(task.id) failed: \(error)") }
                } else if config.exactlyOnce {
                    task.stores.wipe()
                }
            }
            table.tasks = [:]
            table.lastCommitted = [:]
        }
        sendFailure.withLock { $0 = nil }
        publish()
        if let failure { throw failure }
    }
}
