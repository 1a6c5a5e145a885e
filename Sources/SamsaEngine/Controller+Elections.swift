import SamsaProtocol

/// One partition whose leadership or in-sync set the controller changed.
public struct PartitionChange: Sendable, Equatable {
    public var topicPartition: TopicPartition
    public var before: PartitionState
    public var after: PartitionState

    public var leaderChanged: Bool { before.leader != after.leader || before.leaderEpoch != after.leaderEpoch }
}

extension Controller {
    /// Rewrites every partition `transform` changes, persists once, and returns what changed.
    func updatePartitions(_ transform: (TopicState, Int32, PartitionState) -> PartitionState?) throws -> [PartitionChange] {
        try mutateMetadata { metadata in
            var changes: [PartitionChange] = []
            for name in metadata.topics.keys.sorted() {
                guard var topic = metadata.topics[name] else { continue }
                for index in topic.partitions.indices {
                    let before = topic.partitions[index]
                    guard let after = transform(topic, Int32(index), before), after != before else { continue }
                    topic.partitions[index] = after
                    changes.append(PartitionChange(topicPartition: TopicPartition(name, Int32(index)), before: before, after: after))
                }
                metadata.topics[name] = topic
            }
            return changes
        }
    }

    /// Whether `topic` lets an out-of-sync replica lead (availability over durability).
    /// `defaults` is `clusterDefaultSettings`, read before the metadata lock is taken.
    func allowsUncleanElection(_ topic: TopicState, _ defaults: BrokerSettings) -> Bool {
        defaults.topicValue("unclean.leader.election.enable", overrides: topic.configs) == "true"
    }

    /// A broker left (crashed, stopped or was fenced): partitions it led elect the first live in-sync
    /// replica in assignment order, or, if unclean election is allowed, any live replica; otherwise they go
    /// offline (leader -1) until an in-sync replica returns. It leaves every in-sync set, except as the
    /// last member, which Kafka keeps so that it can lead again without losing data.
    public func brokerLeft(_ id: Int32, live: Set<Int32>) throws -> [PartitionChange] {
        let defaults = clusterDefaultSettings
        return try updatePartitions { topic, _, state in
            guard state.replicas.contains(id) else { return nil }
            var next = state
            if state.leader == id {
                let candidates = state.replicas.filter { $0 != id && live.contains($0) }
                if let clean = candidates.first(where: { state.isr.contains($0) }) {
                    next.leader = clean
                } else if allowsUncleanElection(topic, defaults), let unclean = candidates.first {
                    next.leader = unclean
                    next.isr = [unclean]
                } else {
                    next.leader = -1
                }
                next.leaderEpoch += 1
            }
            if next.isr.count > 1 || (next.leader >= 0 && next.leader != id) { next.isr.removeAll { $0 == id } }
            if next.isr.isEmpty { next.isr = [next.leader >= 0 ? next.leader : id] }
            return next
        }
    }

    /// A broker came back: offline partitions it can lead (in sync, or any replica if unclean election is
    /// allowed) elect it. Elsewhere it is a follower and rejoins the in-sync set once caught up.
    public func brokerReturned(_ id: Int32, live: Set<Int32>) throws -> [PartitionChange] {
        let defaults = clusterDefaultSettings
        return try updatePartitions { topic, _, state in
            guard state.leader < 0, state.replicas.contains(id) else { return nil }
            var next = state
            if state.isr.contains(id) {
                next.leader = id
                next.isr = [id]
            } else if allowsUncleanElection(topic, defaults) {
                next.leader = id
                next.isr = [id]
            } else {
                return nil
            }
            next.leaderEpoch += 1
            return next
        }
    }

    /// The leader's request to change a partition's in-sync set (Kafka's AlterPartition). Refused when
    /// `leaderEpoch` is stale (leadership moved meanwhile); returns the change, nil if none was made.
    /// A broker that is not alive (fenced, stopped, crashed) is never added: a fetch it sent before it died
    /// must not bring it back (KIP-841).
    public func alterInSyncReplicas(_ tp: TopicPartition, leader: Int32, leaderEpoch: Int32, isr: [Int32],
                                    live: Set<Int32>) throws -> PartitionChange? {
        let changes = try updatePartitions { topic, index, state in
            guard topic.name == tp.topic, index == tp.partition, state.leader == leader, state.leaderEpoch == leaderEpoch,
                  isr.contains(leader), Set(isr).isSubset(of: state.replicas),
                  isr.allSatisfy({ state.isr.contains($0) || live.contains($0) }) else { return nil }
            var next = state
            next.isr = state.replicas.filter(isr.contains)
            return next
        }
        return changes.first
    }

    /// Preferred leader election: each partition (of `only`, or all) whose first replica is live, in sync
    /// and not leading gets it back as leader.
    public func electPreferredLeaders(live: Set<Int32>, only: Set<TopicPartition>? = nil) throws -> [PartitionChange] {
        try updatePartitions { topic, index, state in
            if let only, !only.contains(TopicPartition(topic.name, index)) { return nil }
            guard let preferred = state.replicas.first, preferred != state.leader, live.contains(preferred),
                  state.isr.contains(preferred) else { return nil }
            var next = state
            next.leader = preferred
            next.leaderEpoch += 1
            return next
        }
    }
}

extension Controller {
    /// Unclean election on request (ElectLeaders type 1): offline partitions (of `only`, or all) take the
    /// first live replica as leader even though it may lack acknowledged records.
    public func electUncleanLeaders(live: Set<Int32>, only: Set<TopicPartition>? = nil) throws -> [PartitionChange] {
        try updatePartitions { topic, index, state in
            if let only, !only.contains(TopicPartition(topic.name, index)) { return nil }
            guard state.leader < 0, let candidate = state.replicas.first(where: live.contains) else { return nil }
            var next = state
            next.leader = candidate
            next.isr = [candidate]
            next.leaderEpoch += 1
            return next
        }
    }
}

extension Controller {
    /// Grows a topic to `total` partitions (Kafka never shrinks one), placing the new replicas on live
    /// brokers as topic creation does. Returns the updated topic.
    public func addPartitions(_ name: String, total: Int, live: Set<Int32>, validateOnly: Bool = false) throws -> TopicState {
        guard let topic = topic(name) else { throw EngineError(.unknownTopicOrPartition, "Topic '\(name)' does not exist.") }
        let current = topic.partitions.count
        guard total > current else {
            throw EngineError(.invalidPartitions, "Topic '\(name)' has \(current) partition(s); the new count must be larger, not \(total).")
        }
        if TopicName.isInternal(name) {
            throw EngineError(.invalidRequest, "Internal topic '\(name)' keeps its partition count.")
        }
        let factor = topic.replicationFactor
        guard factor <= live.count else {
            throw EngineError(.invalidReplicationFactor, "Replication factor \(factor) is larger than the \(live.count) available broker(s).")
        }
        let lists = ReplicaAssignment.assign(partitions: total - current, replicationFactor: factor, brokers: live.sorted(),
                                             firstPartition: current)
        var grown = topic
        grown.partitions += lists.map { PartitionState(replicas: $0, leader: $0[0], leaderEpoch: 0, isr: $0) }
        if validateOnly { return grown }
        return try updateTopic(name) { stored in
            guard stored.partitions.count == current else {
                throw EngineError(.invalidPartitions, "Topic '\(name)' changed meanwhile; try again.")
            }
            stored = grown
        }
    }
}
