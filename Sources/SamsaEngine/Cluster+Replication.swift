import SamsaProtocol

extension Cluster {
    var replicaLagMaxMs: Int64 { config.settings.int64("replica.lag.time.max.ms") }

    /// Hands the controller's decisions to every running replica (become leader, become follower and
    /// check for a divergent tail, adopt a new in-sync set) and narrates them. Callers hold `changeLock`.
    /// Brokers in `skipping` are not told (one being killed is gone before it could hear).
    func apply(_ changes: [PartitionChange], skipping: Set<Int32> = []) {
        for change in changes {
            let tp = change.topicPartition
            let after = change.after
            for id in after.replicas where !skipping.contains(id) {
                guard let broker = broker(id), broker.status.isRunning, let replica = broker.partition(tp) else { continue }
                if after.leader == id {
                    if change.leaderChanged || !replica.isLeader {
                        broker.fetcher.remove([tp])
                        replica.becomeLeader(after, now: currentTimeMillis())
                        if tp.topic == OffsetsTopic.name { broker.coordinator.load(replica) }
                        if tp.topic == TransactionLog.name { broker.transactions.load(replica) }
                    } else {
                        replica.updateInSyncReplicas(after)
                    }
                } else if change.leaderChanged || replica.isLeader {
                    let wasLeader = replica.isLeader
                    replica.becomeFollower(after)
                    if wasLeader && tp.topic == OffsetsTopic.name { broker.coordinator.unload(partition: tp.partition) }
                    if wasLeader && tp.topic == TransactionLog.name { broker.transactions.unload(partition: tp.partition) }
                    if after.leader >= 0 {
                        broker.fetcher.follow(tp, leader: after.leader)
                    } else {
                        broker.fetcher.remove([tp])
                    }
                } else {
                    replica.noteAssignment(after)
                }
            }
            if !TopicName.isInternal(tp.topic) { narrate(change) }
        }
        let internalChanges = Dictionary(grouping: changes.filter { TopicName.isInternal($0.topicPartition.topic) },
                                         by: \.topicPartition.topic)
        for topic in internalChanges.keys.sorted() { narrateInternal(internalChanges[topic]!) }
    }

    /// Internal topics (50 partitions of __consumer_offsets) are told in one line per kind of change, so a
    /// broker failure does not bury the user's own partitions in the event log.
    private func narrateInternal(_ changes: [PartitionChange]) {
        guard let topic = changes.first?.topicPartition.topic else { return }
        let elected = changes.filter(\.leaderChanged)
        for (leader, moved) in Dictionary(grouping: elected, by: \.after.leader).sorted(by: { $0.key < $1.key }) {
            let text = leader < 0 ? "\(moved.count) partition(s) of \(topic) are offline: no in-sync replica is alive"
                : "Broker \(leader) is now leader of \(moved.count) partition(s) of \(topic)"
            events.record(leader < 0 ? .partitionOffline : .leaderElected, nil, broker: leader >= 0 ? leader : nil,
                          changed: ChangedPartitions(topic: topic, count: moved.count), text)
        }
        // One line per size of the in-sync set after, so each line says what the partitions it counts became.
        let shrunk = changes.filter { change in change.before.isr.contains { !change.after.isr.contains($0) } }
        let grown = changes.filter { change in change.after.isr.contains { !change.before.isr.contains($0) } }
        for (size, alike) in Dictionary(grouping: shrunk, by: \.after.isr.count).sorted(by: { $0.key < $1.key }) {
            events.record(.isrShrunk, nil, changed: ChangedPartitions(topic: topic, count: alike.count, inSyncReplicaCount: size),
                          "In-sync replicas of \(alike.count) partition(s) of \(topic) shrank to \(size)")
        }
        for (size, alike) in Dictionary(grouping: grown, by: \.after.isr.count).sorted(by: { $0.key < $1.key }) {
            events.record(.isrExpanded, nil, changed: ChangedPartitions(topic: topic, count: alike.count, inSyncReplicaCount: size),
                          "In-sync replicas of \(alike.count) partition(s) of \(topic) grew to \(size)")
        }
    }

    private func narrate(_ change: PartitionChange) {
        let tp = change.topicPartition
        let (before, after) = (change.before, change.after)
        let one = ChangedPartitions(topic: tp.topic, count: 1)
        if change.leaderChanged {
            if after.leader < 0 {
                events.record(.partitionOffline, tp, changed: one, "\(tp) is offline: no in-sync replica is alive to lead it (epoch \(after.leaderEpoch))")
            } else {
                let was = before.leader >= 0 ? "broker \(before.leader)" : "no leader"
                events.record(.leaderElected, tp, broker: after.leader, changed: one,
                              "Broker \(after.leader) is now leader of \(tp) at epoch \(after.leaderEpoch) (was \(was))")
            }
        }
        let removed = before.isr.filter { !after.isr.contains($0) }
        let added = after.isr.filter { !before.isr.contains($0) }
        let isr = ChangedPartitions(topic: tp.topic, count: 1, inSyncReplicaCount: after.isr.count)
        if !removed.isEmpty {
            events.record(.isrShrunk, tp, changed: isr, "In-sync replicas of \(tp) shrank to \(after.isr) (\(removed) left)")
        }
        if !added.isEmpty {
            events.record(.isrExpanded, tp, changed: isr, "In-sync replicas of \(tp) grew to \(after.isr) (\(added) caught up)")
        }
    }

    /// A leader asks the controller to change its partition's in-sync set (a follower caught up, or lags).
    /// An isolated leader cannot reach the controller, as in a real network partition.
    func alterInSyncReplicas(_ partition: Partition, to isr: [Int32]) {
        guard let leader = broker(partition.brokerId), leader.isReachable else { return }
        changeLock.withLock { _ in
            do {
                guard let change = try controller.alterInSyncReplicas(
                    partition.topicPartition, leader: partition.brokerId, leaderEpoch: partition.leaderEpoch, isr: isr,
                    live: liveBrokerIds) else { return }
                apply([change])
            } catch {
                logger.error("Changing the in-sync replicas of \(partition.topicPartition) failed: \(error)")
            }
        }
    }

    /// Drops followers that have not caught up within replica.lag.time.max.ms from their in-sync sets.
    func shrinkLaggingInSyncReplicas(now: Int64 = currentTimeMillis()) {
        for broker in brokers where broker.isReachable {
            for partition in broker.partitions where partition.isLeader {
                if let shrunk = partition.shrunkInSyncReplicas(now: now, lagMaxMs: replicaLagMaxMs) {
                    alterInSyncReplicas(partition, to: shrunk)
                }
            }
        }
    }

    /// Narrates high watermark moves (coalesced by the event log), so the workbench can say when records
    /// became visible to consumers.
    func recordHighWatermarkMoves() {
        var moves: [(TopicPartition, Int64, Int64)] = []
        for broker in brokers where broker.isReachable {
            for partition in broker.partitions where partition.isLeader {
                let tp = partition.topicPartition
                guard !TopicName.isInternal(tp.topic) else { continue }
                let now = partition.highWatermark
                let before = lastHighWatermarks.withLock { seen -> Int64? in
                    defer { seen[tp] = now }
                    return seen[tp]
                }
                if let before, before != now { moves.append((tp, before, now)) }
            }
        }
        for (tp, before, after) in moves {
            events.record(.highWatermarkMoved, tp, "High watermark of \(tp) moved \(before) → \(after): consumers can read up to it")
        }
    }
}

extension Cluster {
    /// Forgets, on every replica, the idempotent producers not heard from for producer.id.expiration.ms.
    @discardableResult
    public func expireProducers(now: Int64 = currentTimeMillis()) -> Int {
        let expiration = config.settings.int64("producer.id.expiration.ms")
        var expired = 0
        for broker in brokers where broker.status.isRunning {
            for partition in broker.partitions { expired += partition.expireProducers(now: now, expirationMs: expiration) }
        }
        if expired > 0 { logger.debug("Forgot \(expired) expired producer id(s)") }
        return expired
    }
}
