import SamsaProtocol

/// The detail lines for one group: members with their partitions (idle ones marked), then each
/// partition's committed offset, log-end offset and lag.
enum GroupDetail {
    struct MemberLine: Equatable {
        let memberId: String
        let clientId: String
        let host: String
        let partitions: String
        let isIdle: Bool
    }

    struct OffsetLine: Equatable {
        let partition: String
        let committed: String
        let logEnd: String
        let lag: String
        let lagValue: Int64?
    }

    static func members(_ group: GroupStatus) -> [MemberLine] {
        group.members.map { member in
            MemberLine(memberId: member.memberId, clientId: member.clientId, host: member.host,
                       partitions: member.isIdle ? "idle (no partitions)" : compress(member.assignment),
                       isIdle: member.isIdle)
        }
    }

    static func offsets(_ group: GroupStatus) -> [OffsetLine] {
        group.offsets.map { offset in
            OffsetLine(partition: "\(offset.topic)-\(offset.partition)",
                       committed: offset.committedOffset.map { Format.count($0) } ?? "-",
                       logEnd: Format.count(offset.logEndOffset),
                       lag: offset.lag.map { Format.count($0) } ?? "-",
                       lagValue: offset.lag)
        }
    }

    /// "orders-0, orders-1, billing-2" → "orders[0,1] billing[2]".
    static func compress(_ assignment: [TopicPartition]) -> String {
        var order: [String] = []
        var byTopic: [String: [Int32]] = [:]
        for ref in assignment {
            if byTopic[ref.topic] == nil { order.append(ref.topic) }
            byTopic[ref.topic, default: []].append(ref.partition)
        }
        return order.map { "\($0)[\(byTopic[$0]!.sorted().map(String.init).joined(separator: ","))]" }
            .joined(separator: " ")
    }
}
