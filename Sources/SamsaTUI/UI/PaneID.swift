/// The panes of the workbench, in focus order.
public enum PaneID: String, CaseIterable, Sendable, Hashable {
    case topics, partitions, groups, transactions, streams, connect, tail, events, producer, tour

    public var title: String {
        switch self {
        case .topics: "Topics"
        case .partitions: "Partitions"
        case .groups: "Consumer groups"
        case .transactions: "Transactions"
        case .streams: "Streams"
        case .connect: "Connect"
        case .tail: "Record tail"
        case .events: "Events"
        case .producer: "Produce"
        case .tour: "Tour"
        }
    }

    /// Panes where letters are typed as text rather than run as commands.
    public var takesTyping: Bool { self == .producer }

    /// Panes whose rows `/` can filter.
    public var isFilterable: Bool { self == .topics || self == .groups || self == .transactions || self == .tail || self == .events }

    /// Panes whose first row inside the border is a row of column titles.
    var hasColumnHeader: Bool { self == .topics || self == .partitions || self == .groups || self == .transactions }
}
