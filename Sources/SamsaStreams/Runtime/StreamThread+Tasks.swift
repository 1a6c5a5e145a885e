import Foundation
import SamsaClient
import SamsaProtocol

extension StreamThread {
    /// Creates the tasks of newly assigned partitions: opens their stores, restores logged stores from their
    /// changelogs, then lets them process.
    func createTasks(for partitions: [TopicPartition]) async throws {
        var grouped: [TaskId: [TopicPartition]] = [:]
        for tp in partitions { if let id = assignor.task(of: tp) { grouped[id, default: []].append(tp) } }
        for id in grouped.keys.sorted() {
            let partitions = grouped[id]!.sorted { ($0.topic, $0.partition) < ($1.topic, $1.partition) }
            // Built inside the lock: tasks never leave the table (they are not Sendable).
            let restores = try tasks.withLock { table -> [(String, TopicPartition, Int64?)] in
                let stores = try TaskStores(taskId: id, applicationId: config.applicationId, stateDirectory: stateDirectory,
                                            exactlyOnce: config.exactlyOnce, outbox: Outbox(), logger: logger,
                                            cache: recordCache)
                let context = RuntimeTaskContext(applicationId: config.applicationId, taskId: id, stores: stores,
                                                 deserializationExceptionHandler: config.deserializationExceptionHandler,
                                                 partitionCounts: { [client] topic in
                                                     client.cluster.topics[topic].flatMap { $0.partitions.isEmpty ? nil : Int32($0.partitions.count) }
                                                 })
                let task = StreamTask(id: id, partitions: partitions, context: context)
                task.pending = try topology.makeTask(id, context: context)
                table.tasks[id] = task
                return stores.entries.compactMap { entry in entry.changelog.map { (entry.spec.name, $0, stores.restoreStart(entry)) } }
            }
            publish()
            for (store, changelog, start) in restores {
                try await restore(task: id, store: store, changelog: changelog, from: start)
            }
            // Kafka's order: the processors are initialized once their stores hold the restored state.
            try tasks.withLock { table in
                guard let task = table.tasks[id] else { return }
                try task.pending?.initialize()
                task.processor = task.pending
                task.pending = nil
            }
            publish()
        }
    }

    /// Replays a changelog partition into its store, from `start` (or the beginning) to the end as it is now
    /// (the last stable offset under EOS, so aborted writes never come back).
    private func restore(task id: TaskId, store name: String, changelog tp: TopicPartition, from start: Int64?) async throws {
        let admin = Admin(client: client)
        let isolation: IsolationLevel = config.exactlyOnce ? .readCommitted : .readUncommitted
        let end = try await admin.listOffset(topic: tp.topic, partition: tp.partition, spec: -1, isolation: isolation).offset
        let beginning = try await admin.listOffset(topic: tp.topic, partition: tp.partition, spec: -2).offset
        let from = max(start ?? beginning, beginning)
        let total = max(end - from, 0)
        setProgress(id, StreamsSnapshot.RestoreProgress(store: name, changelog: tp, restored: 0, total: total))
        guard total > 0 else { return }
        logger.info("Restoring store \(name) of task \(id) from \(tp) offsets \(from)..<\(end) (\(total) records)")
        var fetch = ConsumerConfig()
        fetch.isolationLevel = isolation
        fetch.fetchMaxWaitMs = 100
        let reader = Consumer(client: client, config: fetch)
        reader.assign([tp], from: .offset(from))
        let store = tasks.withLock { table in table.tasks[id]?.stores.entries.first { $0.spec.name == name }?.store }
        guard let store else { return }
        var restored: Int64 = 0
        while (reader.position(tp) ?? from) < end {
            if stopRequested.load(ordering: .relaxed) { throw StreamsError(.illegalState, "Restoring \(name) was interrupted by shutdown.") }
            let records = try await reader.poll(timeout: .milliseconds(200))
            let batch = records.filter { $0.offset < end && $0.key != nil }
                .map { (key: Array($0.key!.readableBytesView), value: $0.value.map { Array($0.readableBytesView) }, timestamp: $0.timestamp) }
            try store.restore(batch)
            restored += Int64(batch.count)
            setProgress(id, StreamsSnapshot.RestoreProgress(store: name, changelog: tp, restored: min(restored, total), total: total))
        }
        // Control records and aborted data count as restored once the position passed them.
        setProgress(id, StreamsSnapshot.RestoreProgress(store: name, changelog: tp, restored: total, total: total))
        tasks.withLock { table in
            table.tasks[id]?.stores.checkpointed[tp] = end
            table.tasks[id]?.stores.logged[tp] = end
        }
        logger.info("Restored store \(name) of task \(id): \(restored) records from \(tp)")
    }

    private func setProgress(_ id: TaskId, _ progress: StreamsSnapshot.RestoreProgress) {
        tasks.withLock { table in
            guard let task = table.tasks[id] else { return }
            task.restoring.removeAll { $0.store == progress.store }
            task.restoring.append(progress)
        }
        publish()
    }

    /// Publishes the thread's tasks and the stores of running tasks for snapshots and queries.
    func publish() {
        let view = tasks.withLock { table -> ThreadView in
            var view = ThreadView()
            view.running = !stopRequested.load(ordering: .relaxed)
            for id in table.tasks.keys.sorted() {
                let task = table.tasks[id]!
                view.tasks.append(StreamsSnapshot.TaskInfo(id: id, partitions: task.partitions, thread: name,
                                                           processed: task.processed, restoring: task.restoring))
                view.sourcePartitions += task.partitions
                for entry in task.stores.entries {
                    if task.isRunning {
                        view.stores[entry.spec.name, default: [:]][id] = entry.queryable
                    } else {
                        view.restoringStores.insert(entry.spec.name)
                    }
                }
                view.dropped.merge(task.context.dropped) { $0 + $1 }
            }
            return view
        }
        published.withLock { current in
            // Totals survive tasks moving away: keep what closed tasks had processed.
            let before = current.tasks.reduce(into: [TaskId: Int64]()) { $0[$1.id] = $1.processed }
            let now = view.tasks.reduce(into: [TaskId: Int64]()) { $0[$1.id] = $1.processed }
            var total = current.processedTotal
            for (id, count) in now { total += count - min(before[id] ?? 0, count) }
            let failed = current.failed
            current = view
            current.processedTotal = total
            current.failed = failed
        }
    }
}
