import SamsaProtocol
import SamsaStorage

/// Config changes at run time (IncrementalAlterConfigs, AlterConfigs): topics' own configs and dynamic broker
/// configs, per broker or as the cluster default. Each is validated, journaled in the cluster metadata (so
/// every broker and every restart sees it), then applied at once to every replica's log on every broker.
extension Cluster {
    /// The settings broker `id` runs with, dynamic layers included.
    public func settings(for id: Int32) -> BrokerSettings { controller.settings(forBroker: id) }

    /// Every config of `topic` resolved as broker `brokerId` sees it, in TopicConfigs' order.
    public func topicConfigEntries(_ topic: String, brokerId: Int32) throws -> [ConfigEntry] {
        guard let state = controller.topic(topic) else {
            throw EngineError(.unknownTopicOrPartition, "Topic '\(topic)' does not exist.")
        }
        return settings(for: brokerId).topicEntries(overrides: state.configs)
    }

    /// Every config of a broker entity: an id, or "" for the cluster default (only the keys set there).
    public func brokerConfigEntries(_ entity: String) throws -> [ConfigEntry] {
        if entity.isEmpty { return controller.clusterDefaultSettings.brokerEntries(perBroker: false) }
        return settings(for: try brokerId(entity)).brokerEntries()
    }

    /// Applies `alterations` to a topic's configs; with `validateOnly` checks them and changes nothing.
    public func alterTopicConfigs(_ topic: String, _ alterations: [ConfigAlteration], validateOnly: Bool = false) throws {
        try changeTopicConfigs(topic, validateOnly: validateOnly) { current in
            try ConfigAlteration.apply(alterations, to: current, definition: TopicConfigs.definition)
        }
    }

    /// Replaces a topic's configs with `configs` (AlterConfigs: keys left out revert to their defaults).
    public func replaceTopicConfigs(_ topic: String, _ configs: [String: String], validateOnly: Bool = false) throws {
        try changeTopicConfigs(topic, validateOnly: validateOnly) { _ in configs }
    }

    /// Applies `alterations` to a broker entity's dynamic configs ("" = the cluster-wide default).
    public func alterBrokerConfigs(_ entity: String, _ alterations: [ConfigAlteration], validateOnly: Bool = false) throws {
        try changeBrokerConfigs(entity, validateOnly: validateOnly) { current in
            try ConfigAlteration.apply(alterations, to: current, definition: BrokerConfigs.definition)
        }
    }

    /// Replaces a broker entity's dynamic configs with `configs`.
    public func replaceBrokerConfigs(_ entity: String, _ configs: [String: String], validateOnly: Bool = false) throws {
        try changeBrokerConfigs(entity, validateOnly: validateOnly) { _ in configs }
    }

    private func changeTopicConfigs(_ topic: String, validateOnly: Bool,
                                    _ change: ([String: String]) throws -> [String: String]) throws {
        let changed = try changeLock.withLock { _ -> Bool in
            guard let state = controller.topic(topic) else {
                throw EngineError(.unknownTopicOrPartition, "Topic '\(topic)' does not exist.")
            }
            let next = try change(state.configs)
            if let problem = TopicConfigs.problem(with: next) { throw EngineError(.invalidConfig, problem) }
            if validateOnly || next == state.configs { return false }
            let defaults = controller.clusterDefaultSettings
            let updated = try controller.updateTopic(topic) { $0.configs = next }
            reconfigureReplicas(of: [updated])
            if let text = ConfigChangeText.sentence("Topic \(topic)", before: state.configs, after: next,
                                                    effectiveBefore: { defaults.topicValue($0, overrides: state.configs) },
                                                    effectiveAfter: { defaults.topicValue($0, overrides: next) }) {
                events.record(.configChanged, nil, text)
            }
            return true
        }
        if changed {
            logger.info("Configs of topic \(topic) changed")
            applyRetention(toTopics: [topic])
        }
    }

    private func changeBrokerConfigs(_ entity: String, validateOnly: Bool,
                                     _ change: ([String: String]) throws -> [String: String]) throws {
        if !entity.isEmpty { _ = try brokerId(entity) }
        let changed = try changeLock.withLock { _ -> Bool in
            let current = controller.brokerConfigs(entity)
            let next = try change(current)
            let changedKeys = Set(next.keys).union(current.keys).filter { next[$0] != current[$0] }.sorted()
            for key in changedKeys {
                guard let value = next[key] else { continue }
                guard let definition = BrokerConfigs.definition(key) else {
                    throw EngineError(.invalidConfig, "Unknown broker config \"\(key)\".")
                }
                if let problem = definition.problem(with: value) { throw EngineError(.invalidConfig, problem) }
            }
            // Kafka refuses read-only keys whether they are set or removed.
            let readOnly = changedKeys.filter { !BrokerConfigs.isDynamic($0) }
            if !readOnly.isEmpty {
                throw EngineError(.invalidRequest, "Cannot update these configs dynamically: \(readOnly.joined(separator: ", ")).")
            }
            if validateOnly || next == current { return false }
            let id = entity.isEmpty ? nil : Int32(entity)
            let settingsBefore = id.map { controller.settings(forBroker: $0) } ?? controller.clusterDefaultSettings
            try controller.setBrokerConfigs(entity, next)
            let settingsAfter = id.map { controller.settings(forBroker: $0) } ?? controller.clusterDefaultSettings
            if let text = ConfigChangeText.sentence(id.map { "Broker \($0)" } ?? "Cluster-wide default broker",
                                                    before: current, after: next,
                                                    effectiveBefore: { settingsBefore.value($0) },
                                                    effectiveAfter: { settingsAfter.value($0) }) {
                events.record(.configChanged, broker: id, text)
            }
            reconfigureReplicas(of: controller.snapshot().topics.values.sorted { $0.name < $1.name },
                                onBroker: entity.isEmpty ? nil : Int32(entity))
            return true
        }
        if changed {
            logger.info("Dynamic configs of \(entity.isEmpty ? "the cluster default" : "broker \(entity)") changed")
            applyRetention(toTopics: nil)
        }
    }

    /// Gives every open replica of `topics` (on `onBroker`, or on every broker) the configs now in force.
    func reconfigureReplicas(of topics: [TopicState], onBroker: Int32? = nil) {
        for broker in brokers where onBroker == nil || broker.id == onBroker {
            let settings = settings(for: broker.id)
            for topic in topics {
                let config = settings.logConfig(overrides: topic.configs)
                let logAppendTime = settings.topicValue("message.timestamp.type", overrides: topic.configs) == "LogAppendTime"
                let minInsync = Int(settings.topicValue("min.insync.replicas", overrides: topic.configs)) ?? 1
                for index in topic.partitions.indices {
                    guard let replica = broker.partition(TopicPartition(topic.name, Int32(index))) else { continue }
                    replica.log.config = config
                    replica.setTimestampType(logAppendTime: logAppendTime)
                    replica.setMinInsyncReplicas(minInsync)
                }
            }
        }
    }

    /// Runs retention now on the replicas of `topics` (nil: all), so a lowered retention.ms or
    /// retention.bytes moves the log start at once rather than at the next log.retention.check.interval.ms.
    func applyRetention(toTopics topics: Set<String>?) {
        let now = currentTimeMillis()
        for broker in brokers where broker.status.isRunning {
            for partition in broker.partitions where topics?.contains(partition.topicPartition.topic) ?? true {
                do {
                    _ = try partition.applyRetention(now: now)
                } catch {
                    logger.error("Retention on \(partition.topicPartition) failed: \(error)")
                }
            }
        }
    }

    private func brokerId(_ entity: String) throws -> Int32 {
        guard let id = Int32(entity) else {
            throw EngineError(.invalidRequest, "Broker id must be an integer, but it is: \(entity).")
        }
        guard broker(id) != nil else { throw EngineError(.invalidRequest, "There is no broker \(entity).") }
        return id
    }
}
