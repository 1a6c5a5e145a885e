import SamsaProtocol

/// The new offsets a reset would commit (the tool's `--dry-run`), before they are applied (`--execute`).
public struct GroupResetPreview: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public let topic: String
        public let partition: Int32
        /// The group's committed offset now, nil where it has none.
        public let current: Int64?
        public let new: Int64

        public init(topic: String, partition: Int32, current: Int64?, new: Int64) {
            self.topic = topic
            self.partition = partition
            self.current = current
            self.new = new
        }
    }

    public let group: String
    /// How the reset was asked for ("to earliest", "shift by -5"…), for the title and the status line.
    public let summary: String
    /// Sorted by topic, then partition.
    public let rows: [Row]

    public init(group: String, summary: String, rows: [Row]) {
        self.group = group
        self.summary = summary
        self.rows = rows.sorted { ($0.topic, $0.partition) < ($1.topic, $1.partition) }
    }

    /// The offsets to commit.
    public var offsets: [TopicPartition: Int64] {
        Dictionary(uniqueKeysWithValues: rows.map { (TopicPartition($0.topic, $0.partition), $0.new) })
    }
}
