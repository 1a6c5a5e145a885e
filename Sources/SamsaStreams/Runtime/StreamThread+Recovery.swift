import SamsaClient
import SamsaProtocol

extension StreamThread {
    /// Broker and connection trouble a thread rides out (a broker restarting, a coordinator or leader moving,
    /// a rebalance fencing this member), as Kafka's TaskMigrated and TaskCorrupted paths do. Processing errors
    /// and anything else stop the thread.
    static func isRecoverable(_ error: Error) -> Bool {
        guard let error = error as? ClientError else { return false }
        switch error {
        case .broker(let code, _):
            return code.isRetriable || [ErrorCode.rebalanceInProgress, .illegalGeneration, .unknownMemberId].contains(code)
        case .connectionClosed, .connectionFailed, .timedOut, .noBrokers: return true
        default: return false
        }
    }

    /// Starts the current tasks again from what was committed: the open transaction is aborted, the tasks are
    /// closed without a checkpoint (under EOS their state is wiped), every partition goes back to its committed
    /// offset, and the tasks are rebuilt and restored from their changelogs. Under at_least_once records since
    /// the last commit are processed again; under exactly_once_v2 the aborted transaction never happened.
    func recover(from error: Error) async throws {
        logger.warning("Stream thread \(name) restarts its tasks from the last commit after: \(error)")
        try? await closeAllTasks(clean: false)
        let partitions = consumer.assignment
        guard !partitions.isEmpty else { return }
        let committed = try await consumer.committed(partitions)
        let admin = Admin(client: client)
        for tp in partitions {
            if let offset = committed[tp] {
                consumer.seek(tp, to: offset)
            } else {
                consumer.seek(tp, to: try await admin.listOffset(topic: tp.topic, partition: tp.partition, spec: -2).offset)
            }
        }
        try await createTasks(for: partitions)
    }
}
