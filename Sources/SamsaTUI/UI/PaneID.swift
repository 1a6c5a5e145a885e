/// The panes of the workbench, in focus order.
public enum PaneID: String, CaseIterable, Sendable, Hashable {
    case topics, partitions, groups, tail, events, producer, tour

    public var title: String {
        switch self {
        case .topics: "Topics"
        case .partitions: "Partitions"
        case .groups: "Consumer groups"
        case .tail: "Record tail"
        case .events: "Events"
        case .producer: "Produce"
        case .tour: "Tour"
        }
    }

    /// Panes where letters are typed as text rather than run as commands.
    public var takesTyping: Bool { self == .producer }

    /// Panes whose rows `/` can filter.
    public var isFilterable: Bool { self == .topics || self == .groups || self == .tail || self == .events }
}
