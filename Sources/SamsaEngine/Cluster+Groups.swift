import SamsaProtocol

extension Cluster {
    /// The broker coordinating `groupId`, creating `__consumer_offsets` on first use as Kafka does.
    public func coordinator(for groupId: String) throws(EngineError) -> Broker {
        let offsets = try offsetsTopic()
        let partition = GroupCoordinator.partition(for: groupId, partitions: offsets.partitions.count)
        let leader = offsets.partitions[Int(partition)].leader
        guard let broker = broker(leader), broker.isReachable else {
            throw EngineError(.coordinatorNotAvailable, "No broker leads \(OffsetsTopic.name)-\(partition) now.")
        }
        return broker
    }

    private func offsetsTopic() throws(EngineError) -> TopicState {
        if let existing = controller.topic(OffsetsTopic.name) { return existing }
        let groupConfig = GroupCoordinatorConfig(settings: config.settings)
        do {
            return try createTopic(name: OffsetsTopic.name, partitions: groupConfig.offsetsTopicPartitions,
                                   replicationFactor: min(groupConfig.offsetsTopicReplicationFactor, liveBrokerIds.count),
                                   assignment: nil, configs: OffsetsTopic.configs(groupConfig), validateOnly: false,
                                   isInternal: true)
        } catch let error as EngineError where error.code == .topicAlreadyExists {
            if let existing = controller.topic(OffsetsTopic.name) { return existing }
            throw EngineError(.coordinatorNotAvailable, error.message)
        } catch {
            throw EngineError(.coordinatorNotAvailable, "Could not create \(OffsetsTopic.name): \(error)")
        }
    }

    /// Each leader of an offsets partition loads the groups stored there.
    func loadCoordinators(_ offsets: TopicState) {
        for (index, state) in offsets.partitions.enumerated() {
            guard let leader = broker(state.leader), let partition = leader.partition(TopicPartition(offsets.name, Int32(index)))
            else { continue }
            leader.coordinator.load(partition)
        }
    }

    /// Committed offsets, log-end offsets (high watermarks) and lag of every group, without network I/O.
    public func groupLag() -> [GroupLag] {
        groupLag(highWatermark: highWatermark(of:))
    }

    /// Lag against high watermarks from `highWatermark` (a snapshot passes the ones it already read).
    func groupLag(highWatermark: (TopicPartition) -> Int64?) -> [GroupLag] {
        brokers.flatMap { $0.coordinator.offsetsSnapshot() }.map { group in
            GroupLag(groupId: group.groupId, state: group.state, generationId: group.generationId,
                     memberCount: group.memberCount,
                     partitions: group.offsets.sorted { $0.key < $1.key }.map { tp, committed in
                         PartitionLag(topicPartition: tp, committedOffset: committed, logEndOffset: highWatermark(tp) ?? committed)
                     })
        }.sorted { $0.groupId < $1.groupId }
    }

    /// The high watermark of a partition at its leader, if it has one.
    public func highWatermark(of tp: TopicPartition) -> Int64? {
        guard let state = controller.topic(tp.topic), tp.partition >= 0, Int(tp.partition) < state.partitions.count,
              let leader = broker(state.partitions[Int(tp.partition)].leader) else { return nil }
        return leader.partition(tp)?.highWatermark
    }
}

extension Cluster {
    /// Every group on every running coordinator, described (members with their metadata and assignments).
    public func groupDescriptions() -> [GroupDescription] {
        brokers.filter(\.isReachable).flatMap { broker in
            broker.coordinator.listGroups().map { broker.coordinator.describeGroup($0.groupId) }
        }.sorted { $0.groupId < $1.groupId }
    }
}
