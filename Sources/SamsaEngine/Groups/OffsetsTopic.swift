import NIOCore
import SamsaProtocol

/// The internal topic `__consumer_offsets`: how groups are written into it and read back from it, in
/// Kafka's own record formats, so offsets and groups survive restarts and follow partition leadership.
enum OffsetsTopic {
    static let name = "__consumer_offsets"

    /// Topic configs Kafka gives the offsets topic: compacted, so only the latest commit per key stays.
    static func configs(_ config: GroupCoordinatorConfig) -> [String: String] {
        ["cleanup.policy": "compact", "segment.bytes": String(config.offsetsTopicSegmentBytes),
         "compression.type": "producer"]
    }

    static func metadataValue(of group: ConsumerGroup, now: Int64) -> GroupMetadataValue {
        GroupMetadataValue(
            protocolType: group.protocolType ?? "", generation: group.generationId, protocolName: group.protocolName,
            leader: group.leaderId, currentStateTimestamp: now,
            members: group.orderedMembers.map { member in
                GroupMetadataValue.Member(
                    memberId: member.memberId, groupInstanceId: member.groupInstanceId, clientId: member.clientId,
                    clientHost: member.clientHost, rebalanceTimeoutMs: member.rebalanceTimeoutMs,
                    sessionTimeoutMs: member.sessionTimeoutMs, subscription: member.metadata(for: group.protocolName),
                    assignment: member.assignment)
            })
    }

    /// Rebuilds every group stored in one offsets partition by replaying its log from the start: the
    /// latest record per key wins and a tombstone (null value) deletes.
    static func replay(_ partition: Partition, now: Int64) throws -> [String: ConsumerGroup] {
        let index = partition.topicPartition.partition
        var groups: [String: ConsumerGroup] = [:]
        var offset = partition.logStartOffset
        while offset < partition.logEndOffset {
            let (read, _) = try partition.read(from: offset, maxBytes: 1 << 20, uncommitted: true)
            let batches = try RecordBatch.decodeAll(read.records)
            guard let last = batches.last else { break }
            for batch in batches {
                if batch.header.isControl {
                    // A transaction's marker settles the offsets it committed (pending until then).
                    guard let record = batch.records.first, let marker = try? ControlRecord(key: record.key, value: record.value)
                    else { continue }
                    let producerId = batch.header.producerId
                    for (id, group) in groups where group.pendingTransactionalOffsets[producerId] != nil {
                        groups[id]?.completeTransaction(producerId: producerId, commit: marker.isCommit)
                    }
                    continue
                }
                let transactional: Int64? = batch.header.isTransactional ? batch.header.producerId : nil
                for record in batch.records {
                    guard let keyBytes = record.key else { continue }
                    let key = try GroupRecordKey.decode(keyBytes)
                    var group = groups[key.group] ?? ConsumerGroup(groupId: key.group, partition: index, now: now)
                    try apply(key, record.value, to: &group, timestamp: batch.timestamp(of: record), transactional: transactional,
                              logOffset: batch.header.baseOffset + Int64(record.offsetDelta))
                    groups[key.group] = group
                }
            }
            offset = last.header.nextOffset
        }
        return groups.filter { _, group in
            !group.offsets.isEmpty || !group.members.isEmpty || group.generationId > 0 || !group.pendingTransactionalOffsets.isEmpty
        }
    }

    /// Applies one record; an offset commit of a `transactional` producer stays pending until its marker.
    private static func apply(_ key: GroupRecordKey, _ value: ByteBuffer?, to group: inout ConsumerGroup,
                              timestamp: Int64, transactional producerId: Int64?, logOffset: Int64) throws {
        switch key {
        case .offsetCommit(_, let topic, let partition):
            let tp = TopicPartition(topic, partition)
            guard let value else {
                group.setCommitted(tp, nil, at: logOffset)
                return
            }
            let commit = try OffsetCommitValue.decode(value)
            let committed = CommittedOffset(offset: commit.offset, leaderEpoch: commit.leaderEpoch,
                                            metadata: commit.metadata, commitTimestamp: commit.commitTimestamp)
            if let producerId {
                group.pendingTransactionalOffsets[producerId, default: [:]][tp] = (committed, logOffset)
            } else {
                group.setCommitted(tp, committed, at: logOffset)
            }
        case .groupMetadata(let groupId):
            var fresh = ConsumerGroup(groupId: groupId, partition: group.partition, now: timestamp)
            fresh.offsets = group.offsets
            fresh.offsetLogPositions = group.offsetLogPositions
            fresh.pendingTransactionalOffsets = group.pendingTransactionalOffsets
            if let value {
                let metadata = try GroupMetadataValue.decode(value)
                fresh.protocolType = metadata.protocolType.isEmpty ? nil : metadata.protocolType
                fresh.generationId = metadata.generation
                fresh.protocolName = metadata.protocolName
                fresh.stateTimestamp = metadata.currentStateTimestamp >= 0 ? metadata.currentStateTimestamp : timestamp
                for stored in metadata.members {
                    var member = GroupMember(
                        memberId: stored.memberId, groupInstanceId: stored.groupInstanceId, clientId: stored.clientId,
                        clientHost: stored.clientHost, sessionTimeoutMs: stored.sessionTimeoutMs,
                        rebalanceTimeoutMs: stored.rebalanceTimeoutMs, protocolType: metadata.protocolType,
                        protocols: [MemberProtocol(name: metadata.protocolName ?? "", metadata: stored.subscription)])
                    member.assignment = stored.assignment
                    fresh.add(member)
                }
                fresh.leaderId = metadata.leader
                fresh.state = fresh.members.isEmpty ? .empty : .stable
            }
            group = fresh
        }
    }
}
