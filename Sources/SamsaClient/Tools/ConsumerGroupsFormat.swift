import SamsaProtocol

/// One row of `consumer-groups --describe`: a partition of the group with its member, or a member
/// without partitions (no topic), or a committed partition no member holds (no consumer).
public struct GroupOffsetRow: Sendable, Equatable {
    public var group: String
    public var topicPartition: TopicPartition?
    public var currentOffset: Int64?
    public var logEndOffset: Int64?
    public var consumerId: String?
    public var host: String?
    public var clientId: String?

    public init(group: String, topicPartition: TopicPartition?, currentOffset: Int64?, logEndOffset: Int64?,
                consumerId: String?, host: String?, clientId: String?) {
        self.group = group
        self.topicPartition = topicPartition
        self.currentOffset = currentOffset
        self.logEndOffset = logEndOffset
        self.consumerId = consumerId
        self.host = host
        self.clientId = clientId
    }

    /// Known only when both the committed offset and the log end are.
    public var lag: Int64? {
        guard let currentOffset, currentOffset >= 0, let logEndOffset else { return nil }
        return logEndOffset - currentOffset
    }
}

/// `kafka-consumer-groups.sh` output, column for column: Java's `%-Ns` padding, Kafka's minimum widths,
/// a blank line before each table, and "-" for what is not known.
public enum ConsumerGroupsFormat {
    static let missing = "-"

    /// The rows Kafka shows: members with partitions (most first), members without partitions, then
    /// committed partitions no member holds.
    public static func offsetRows(_ group: ConsumerGroupDescription, committed: [TopicPartition: Int64],
                                  logEnd: [TopicPartition: Int64]) -> [GroupOffsetRow] {
        var rows: [GroupOffsetRow] = []
        let busy = group.members.filter { !$0.assignment.isEmpty }.enumerated()
            .sorted { ($0.element.assignment.count, -$0.offset) > ($1.element.assignment.count, -$1.offset) }.map(\.element)
        for member in busy {
            for tp in member.assignment.sorted() {
                rows.append(GroupOffsetRow(group: group.groupId, topicPartition: tp, currentOffset: committed[tp], logEndOffset: logEnd[tp],
                                           consumerId: member.memberId, host: member.host, clientId: member.clientId))
            }
        }
        for member in group.members where member.assignment.isEmpty {
            rows.append(GroupOffsetRow(group: group.groupId, topicPartition: nil, currentOffset: nil, logEndOffset: nil,
                                       consumerId: member.memberId, host: member.host, clientId: member.clientId))
        }
        let assigned = Set(group.members.flatMap(\.assignment))
        for tp in committed.keys.sorted() where !assigned.contains(tp) {
            rows.append(GroupOffsetRow(group: group.groupId, topicPartition: tp, currentOffset: committed[tp], logEndOffset: logEnd[tp],
                                       consumerId: nil, host: nil, clientId: nil))
        }
        return rows
    }

    /// `--describe` (offsets).
    public static func offsets(_ rows: [GroupOffsetRow]) -> String {
        let widths = [width(rows.map(\.group)), width(rows.map { $0.topicPartition?.topic ?? missing }), 10, 15, 15, 15,
                      width(rows.map { $0.consumerId ?? missing }), width(rows.map { $0.host ?? missing })]
        var text = "\n" + line(["GROUP", "TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG", "CONSUMER-ID", "HOST", "CLIENT-ID"], widths)
        for row in rows {
            text += "\n" + line([row.group, row.topicPartition?.topic ?? missing, row.topicPartition.map { "\($0.partition)" } ?? missing,
                                 show(row.currentOffset), show(row.logEndOffset), show(row.lag), row.consumerId ?? missing,
                                 row.host ?? missing, row.clientId ?? missing], widths)
        }
        return text + "\n"
    }

    /// `--describe --members [--verbose]`.
    public static func members(_ group: ConsumerGroupDescription, verbose: Bool) -> String {
        let members = group.members
        let withInstance = members.contains { $0.groupInstanceId?.isEmpty == false }
        var widths = [max(15, group.groupId.count), width(members.map(\.memberId))]
        if withInstance { widths.append(width(members.map { $0.groupInstanceId ?? "" }, minimum: 17)) }
        widths += [width(members.map(\.host)), width(members.map(\.clientId)), 15]
        func cells(_ group: String, _ id: String, _ instance: String, _ host: String, _ client: String, _ count: String) -> [String] {
            withInstance ? [group, id, instance, host, client, count] : [group, id, host, client, count]
        }
        var text = "\n" + line(cells("GROUP", "CONSUMER-ID", "GROUP-INSTANCE-ID", "HOST", "CLIENT-ID", "#PARTITIONS"), widths, padLast: true)
        text += (verbose ? "ASSIGNMENT" : "") + "\n"
        for member in members {
            text += line(cells(group.groupId, member.memberId, member.groupInstanceId ?? "", member.host, member.clientId,
                               "\(member.assignment.count)"), widths, padLast: true)
            text += (verbose ? assignment(member.assignment) : "") + "\n"
        }
        return text
    }

    /// Kafka's ASSIGNMENT column: "topic(0,1),other(2)", topics in name order; "-" when empty.
    public static func assignment(_ partitions: [TopicPartition]) -> String {
        guard !partitions.isEmpty else { return missing }
        return Dictionary(grouping: partitions, by: \.topic)
            .map { topic, list in topic + "(" + list.map(\.partition).sorted().map(String.init).joined(separator: ",") + ")" }
            .sorted().joined(separator: ",")
    }

    /// `--describe --state`.
    public static func state(_ group: ConsumerGroupDescription) -> String {
        let coordinator = "\(group.coordinator.host):\(group.coordinator.port)  (\(group.coordinatorId))"
        let widths = [max(15, group.groupId.count), max(25, coordinator.count), 20, 20]
        return "\n" + line(["GROUP", "COORDINATOR (ID)", "ASSIGNMENT-STRATEGY", "STATE", "#MEMBERS"], widths)
            + "\n" + line([group.groupId, coordinator, group.assignmentStrategy.isEmpty ? missing : group.assignmentStrategy,
                           group.state, "\(group.members.count)"], widths) + "\n"
    }

    /// `--reset-offsets` (dry run or executed): the new offset of every partition, groups in order.
    public static func resetPlan(_ plans: [(group: String, offsets: [TopicPartition: Int64])]) -> String {
        let partitions = plans.flatMap { plan in plan.offsets.keys.map { (plan.group, $0) } }
        guard !partitions.isEmpty else { return "\n" }
        let widths = [width(plans.map(\.group)), width(partitions.map(\.1.topic)), 10]
        var text = "\n" + line(["GROUP", "TOPIC", "PARTITION", "NEW-OFFSET"], widths)
        for plan in plans {
            for tp in plan.offsets.keys.sorted() {
                text += "\n" + line([plan.group, tp.topic, "\(tp.partition)", "\(plan.offsets[tp]!)"], widths)
            }
        }
        return text + "\n"
    }

    /// What Kafka says about a group's state before (or instead of) its table; nil for Stable.
    public static func stateNote(_ group: ConsumerGroupDescription) -> String? {
        switch group.state {
        case "Dead": return "Error: Consumer group '\(group.groupId)' does not exist."
        case "Empty": return "Consumer group '\(group.groupId)' has no active members."
        case "PreparingRebalance", "CompletingRebalance": return "Warning: Consumer group '\(group.groupId)' is rebalancing."
        default: return nil
        }
    }

    static func show(_ value: Int64?) -> String { value.map { "\($0)" } ?? missing }

    static func width(_ values: [String], minimum: Int = 15) -> Int { values.reduce(minimum) { max($0, $1.count) } }

    /// Cells separated by one space, each but the last padded to its width (the last too with `padLast`,
    /// for Kafka's formats that end in "%-15s ").
    static func line(_ cells: [String], _ widths: [Int], padLast: Bool = false) -> String {
        var out = ""
        for (i, cell) in cells.enumerated() {
            let last = i == cells.count - 1
            if !last || padLast {
                out += cell + String(repeating: " ", count: max(0, widths[i] - cell.count)) + " "
            } else {
                out += cell
            }
        }
        return out
    }
}
