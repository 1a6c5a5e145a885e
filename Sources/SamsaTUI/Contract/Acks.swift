/// How many replicas must have the record before the broker answers.
public enum Acks: Int16, Sendable, Equatable, CaseIterable {
    /// acks=0: the producer does not wait; there is no offset to report.
    case none = 0
    /// acks=1: the leader has written it.
    case leader = 1
    /// acks=all (-1): every in-sync replica has it.
    case all = -1

    public var label: String {
        switch self {
        case .none: "0"
        case .leader: "1"
        case .all: "all"
        }
    }
}
