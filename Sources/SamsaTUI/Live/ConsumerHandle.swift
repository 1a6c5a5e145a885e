import SamsaClient
import Synchronization

/// One consumer started from the workbench: its group member and the task polling it.
///
/// Thread-safety: every method may be called from any task.
final class ConsumerHandle: Sendable {
    let id: String
    let group: String
    let topic: String
    let isolation: IsolationLevel
    let consumer: GroupConsumer
    let client: KafkaClient
    private let read = Atomic<Int64>(0)
    private let task: Mutex<Task<Void, Never>?> = Mutex(nil)
    /// The last failure told, so a consumer refused on every poll says so once, not every half second.
    private let lastFailure: Mutex<String?> = Mutex(nil)

    init(id: String, group: String, topic: String, isolation: IsolationLevel, consumer: GroupConsumer, client: KafkaClient) {
        self.id = id
        self.group = group
        self.topic = topic
        self.isolation = isolation
        self.consumer = consumer
        self.client = client
    }

    var status: WorkbenchConsumer {
        WorkbenchConsumer(memberId: id, group: group, topic: topic, recordsRead: read.load(ordering: .relaxed), isolation: isolation)
    }

    /// Polls until `stop()`, or until the handle is dropped (its owner gone without stopping it): the task
    /// holds the handle only while one poll runs. `deliver` gets the handle, so it need not capture it;
    /// `failed` gets each new reason polls fail (an ACL refusal names the operation and resource), once.
    @discardableResult
    func start(_ deliver: @escaping @Sendable (ConsumerHandle, [ConsumerRecord]) -> Void,
               failed: @escaping @Sendable (ConsumerHandle, String) -> Void = { _, _ in }) -> Task<Void, Never> {
        let poller = Task { [weak self] in
            while !Task.isCancelled {
                guard let failed = await self?.pollOnce(deliver, failed) else { return }
                if failed && !Task.isCancelled { try? await Task.sleep(for: .milliseconds(500)) }
            }
        }
        task.withLock { $0 = poller }
        return poller
    }

    /// One poll; returns whether it failed (the loop then waits before trying again).
    private func pollOnce(_ deliver: @Sendable (ConsumerHandle, [ConsumerRecord]) -> Void,
                          _ failed: @Sendable (ConsumerHandle, String) -> Void) async -> Bool {
        do {
            let records = try await consumer.poll(timeout: .milliseconds(250))
            read.add(Int64(records.count), ordering: .relaxed)
            lastFailure.withLock { $0 = nil }
            deliver(self, records)
            return false
        } catch {
            guard !Task.isCancelled else { return true }
            let reason = AccessAttempt.read(topic: topic, group: group).sentence(for: error)
            let isNew = lastFailure.withLock { last in
                defer { last = reason }
                return last != reason
            }
            if isNew { failed(self, reason) }
            return true
        }
    }

    var poller: Task<Void, Never>? { task.withLock { $0 } }

    /// Stops polling, commits what was read and leaves the group.
    func stop() async {
        let poller = task.withLock { $0 }
        poller?.cancel()
        await poller?.value
        await consumer.close()
        await client.close()
    }
}
