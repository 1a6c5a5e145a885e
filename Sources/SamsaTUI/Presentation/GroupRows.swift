/// Rows of the consumer-groups pane and the selected group's details.
struct GroupRow: Equatable {
    let id: String
    let state: String
    let assignor: String
    let generation: Int32
    let members: Int
    let idleMembers: Int
    let totalLag: Int64

    init(_ group: GroupStatus) {
        id = group.id
        state = group.state.name
        assignor = group.assignor
        generation = group.generation
        members = group.members.count
        idleMembers = group.members.count { $0.isIdle }
        totalLag = group.totalLag
    }

    /// Lag at or above this many records is shown as high.
    static let highLag: Int64 = 1000

    static func lagStyle(_ lag: Int64?) -> Style {
        guard let lag else { return Style(.inactiveFg) }
        return lag >= highLag ? Style(.lagHigh, on: .mainBg, [.bold]) : Style(.lagLow)
    }

    static func stateStyle(_ state: GroupStatus.State) -> Style {
        switch state {
        case .stable: Style(.success)
        case .preparingRebalance, .completingRebalance: Style(.warning, on: .mainBg, [.bold])
        case .empty, .dead, .unknown: Style(.inactiveFg)
        }
    }
}

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
    static func compress(_ assignment: [TopicPartitionRef]) -> String {
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
