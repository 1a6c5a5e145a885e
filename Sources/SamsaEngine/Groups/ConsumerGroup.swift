import NIOCore
import SamsaProtocol

/// One group's state in Kafka's classic protocol: Empty → PreparingRebalance → CompletingRebalance →
/// Stable, back to PreparingRebalance when membership changes, and Dead once deleted or unloaded.
struct ConsumerGroup {
    let groupId: String
    let partition: Int32
    var state: GroupState = .empty
    var generationId: Int32 = 0
    var protocolType: String?
    var protocolName: String?
    var leaderId: String?
    /// Members in join order (the first becomes leader when there is none).
    var members: [String: GroupMember] = [:]
    var joinOrder: [String] = []
    /// Static members: group.instance.id → current member id.
    var staticMembers: [String: String] = [:]
    /// Ids handed out with MEMBER_ID_REQUIRED, not yet used to join (id → session token).
    var pendingMembers: [String: UInt64] = [:]
    /// Bumped whenever the pending rebalance deadline is replaced; a stale timer then does nothing.
    var rebalanceToken: UInt64 = 0
    /// Set while an initial delayed join is open: a member joined since the timer was armed.
    var joinedDuringDelay = false
    /// The first rebalance of an empty group waits for more members before it may complete.
    var inInitialDelay = false
    var delayRemainingMs: Int64 = 0
    var stateTimestamp: Int64
    var offsets: [TopicPartition: CommittedOffset] = [:]
    /// The offset in `__consumer_offsets` of the record behind each committed offset.
    var offsetLogPositions: [TopicPartition: Int64] = [:]
    /// TxnOffsetCommit offsets per producer id, with where they were written, waiting for their
    /// transaction's marker (KIP-98): a COMMIT makes them the committed offsets, an ABORT drops them.
    var pendingTransactionalOffsets: [Int64: [TopicPartition: (committed: CommittedOffset, logOffset: Int64)]] = [:]

    /// Partitions a transaction has offsets pending for (OffsetFetch with require_stable answers
    /// UNSTABLE_OFFSET_COMMIT for them).
    var unstablePartitions: Set<TopicPartition> { Set(pendingTransactionalOffsets.values.flatMap(\.keys)) }

    /// Stores a committed offset written at `logOffset` in `__consumer_offsets` (nil: deleted).
    mutating func setCommitted(_ tp: TopicPartition, _ committed: CommittedOffset?, at logOffset: Int64) {
        offsets[tp] = committed
        offsetLogPositions[tp] = committed == nil ? nil : logOffset
    }

    /// A marker ended `producerId`'s transaction: its pending offsets become committed or are dropped. As in
    /// Kafka, a transaction's offset replaces a committed one only if it was written after it.
    mutating func completeTransaction(producerId: Int64, commit: Bool) {
        guard let pending = pendingTransactionalOffsets.removeValue(forKey: producerId), commit else { return }
        for (tp, entry) in pending where (offsetLogPositions[tp] ?? -1) < entry.logOffset {
            setCommitted(tp, entry.committed, at: entry.logOffset)
        }
    }

    init(groupId: String, partition: Int32, now: Int64) {
        self.groupId = groupId
        self.partition = partition
        stateTimestamp = now
    }

    var orderedMembers: [GroupMember] { joinOrder.compactMap { members[$0] } }

    var allMembersJoined: Bool { members.values.allSatisfy { $0.awaitingJoin != nil } }

    var rebalanceTimeoutMs: Int64 { Int64(members.values.map(\.rebalanceTimeoutMs).max() ?? 0) }

    /// The protocol every member supports that most members prefer (ties broken by the leader's order).
    func selectProtocol() -> String? {
        guard let first = orderedMembers.first else { return nil }
        let common = orderedMembers.dropFirst().reduce(Set(first.protocols.map(\.name))) {
            $0.intersection($1.protocols.map(\.name))
        }
        var votes: [String: Int] = [:]
        for member in orderedMembers {
            if let choice = member.protocols.first(where: { common.contains($0.name) }) { votes[choice.name, default: 0] += 1 }
        }
        return first.protocols.map(\.name).filter { common.contains($0) }.max { votes[$0, default: 0] < votes[$1, default: 0] }
    }

    /// The protocols every current member supports.
    var candidateProtocols: Set<String> {
        guard let first = members.values.first else { return [] }
        return members.values.reduce(Set(first.protocols.map(\.name))) { $0.intersection($1.protocols.map(\.name)) }
    }

    /// Whether a joining member fits: for an empty group any non-empty protocol list will do; otherwise the
    /// protocol type must match and the member must support one protocol all current members support.
    func accepts(protocolType: String, protocols: [MemberProtocol]) -> Bool {
        if protocols.isEmpty || protocolType.isEmpty { return false }
        if members.isEmpty { return true }
        let candidates = candidateProtocols
        return self.protocolType == protocolType && protocols.contains { candidates.contains($0.name) }
    }

    mutating func add(_ member: GroupMember) {
        if members.isEmpty { protocolType = member.protocolType }
        if members[member.memberId] == nil { joinOrder.append(member.memberId) }
        if let instance = member.groupInstanceId { staticMembers[instance] = member.memberId }
        members[member.memberId] = member
        if leaderId == nil { leaderId = member.memberId }
    }

    @discardableResult
    mutating func remove(_ memberId: String) -> GroupMember? {
        guard let member = members.removeValue(forKey: memberId) else { return nil }
        joinOrder.removeAll { $0 == memberId }
        if let instance = member.groupInstanceId, staticMembers[instance] == memberId { staticMembers[instance] = nil }
        if leaderId == memberId { leaderId = joinOrder.first }
        return member
    }
}

