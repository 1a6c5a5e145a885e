import SamsaProtocol

/// One change of the cluster metadata as the controller journals it. Each is an upsert of final values,
/// so replaying a change the snapshot already holds leaves the snapshot as it was.
enum MetadataChange: Codable, Equatable {
    /// A topic created, or changed in more than its partitions' leadership.
    case topic(TopicState)
    case topicDeleted(String)
    /// New leaders, epochs or in-sync sets of some partitions, by index.
    case partitions(topic: String, states: [Int: PartitionState])
    case producerIdBlockEnd(Int64)
    case brokerCount(Int)
    /// The whole dynamic config of one broker entity (an id, or "" for the cluster default); empty removes it.
    case brokerConfigs(entity: String, configs: [String: String])
    /// ACLs created and deleted.
    case acls(added: [AclBinding], removed: [AclBinding])
    /// Every SCRAM credential of one user, by mechanism name; empty removes the user.
    case scramCredentials(user: String, credentials: [String: StoredScramCredential])

    /// The changes that turn `old` into `new`.
    static func diff(from old: ClusterMetadata, to new: ClusterMetadata) -> [MetadataChange] {
        var changes: [MetadataChange] = []
        for name in old.topics.keys.sorted() where new.topics[name] == nil { changes.append(.topicDeleted(name)) }
        for (name, topic) in new.topics.sorted(by: { $0.key < $1.key }) {
            guard let before = old.topics[name] else {
                changes.append(.topic(topic))
                continue
            }
            guard before != topic else { continue }
            if before.id == topic.id && before.configs == topic.configs && before.isInternal == topic.isInternal
                && before.partitions.count == topic.partitions.count {
                var states: [Int: PartitionState] = [:]
                for (index, state) in topic.partitions.enumerated() where before.partitions[index] != state { states[index] = state }
                changes.append(.partitions(topic: name, states: states))
            } else {
                changes.append(.topic(topic))
            }
        }
        if old.producerIdBlockEnd != new.producerIdBlockEnd, let end = new.producerIdBlockEnd {
            changes.append(.producerIdBlockEnd(end))
        }
        if old.brokerCount != new.brokerCount, let count = new.brokerCount { changes.append(.brokerCount(count)) }
        let before = old.brokerConfigs ?? [:], after = new.brokerConfigs ?? [:]
        for entity in Set(before.keys).union(after.keys).sorted() where before[entity] ?? [:] != after[entity] ?? [:] {
            changes.append(.brokerConfigs(entity: entity, configs: after[entity] ?? [:]))
        }
        let aclsBefore = old.acls ?? [], aclsAfter = new.acls ?? []
        if aclsBefore != aclsAfter {
            changes.append(.acls(added: Array(aclsAfter.subtracting(aclsBefore)), removed: Array(aclsBefore.subtracting(aclsAfter))))
        }
        let usersBefore = old.scramCredentials ?? [:], usersAfter = new.scramCredentials ?? [:]
        for user in Set(usersBefore.keys).union(usersAfter.keys).sorted() where usersBefore[user] != usersAfter[user] {
            changes.append(.scramCredentials(user: user, credentials: usersAfter[user] ?? [:]))
        }
        return changes
    }

    /// Applies this change to `metadata`. Partitions of a topic that is not there (any more) are skipped:
    /// replaying a journal over a snapshot that already holds it meets topics deleted later on.
    func apply(to metadata: inout ClusterMetadata) {
        switch self {
        case .topic(let topic):
            metadata.topics[topic.name] = topic
        case .topicDeleted(let name):
            metadata.topics[name] = nil
        case .partitions(let name, let states):
            guard var topic = metadata.topics[name] else { return }
            for (index, state) in states where index >= 0 && index < topic.partitions.count {
                topic.partitions[index] = state
            }
            metadata.topics[name] = topic
        case .producerIdBlockEnd(let end):
            metadata.producerIdBlockEnd = end
        case .brokerCount(let count):
            metadata.brokerCount = count
        case .brokerConfigs(let entity, let configs):
            var all = metadata.brokerConfigs ?? [:]
            all[entity] = configs.isEmpty ? nil : configs
            metadata.brokerConfigs = all.isEmpty ? nil : all
        case .acls(let added, let removed):
            let acls = (metadata.acls ?? []).subtracting(removed).union(added)
            metadata.acls = acls.isEmpty ? nil : acls
        case .scramCredentials(let user, let credentials):
            var all = metadata.scramCredentials ?? [:]
            all[user] = credentials.isEmpty ? nil : credentials
            metadata.scramCredentials = all.isEmpty ? nil : all
        }
    }
}
