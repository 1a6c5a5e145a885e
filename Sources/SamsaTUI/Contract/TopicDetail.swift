import SamsaClient

/// What topic detail (`i`) shows: every config of a topic as DescribeConfigs reports it (value, source,
/// synonyms) and each partition's log start and end (with its size on disk where the source can see it).
public struct TopicDetail: Sendable, Equatable {
    public struct Partition: Sendable, Equatable {
        public let partition: Int32
        public let logStartOffset: Int64
        public let logEndOffset: Int64
        /// Bytes of the leader's log, when known (the embedded cluster reads it; attach mode does not).
        public let sizeInBytes: Int64?

        public init(partition: Int32, logStartOffset: Int64, logEndOffset: Int64, sizeInBytes: Int64? = nil) {
            self.partition = partition
            self.logStartOffset = logStartOffset
            self.logEndOffset = logEndOffset
            self.sizeInBytes = sizeInBytes
        }

        /// Records between the log start and the log end (what retention or DeleteRecords left).
        public var records: Int64 { max(0, logEndOffset - logStartOffset) }
    }

    public let topic: String
    public let configs: [ConfigEntryDescription]
    public let partitions: [Partition]

    public init(topic: String, configs: [ConfigEntryDescription], partitions: [Partition]) {
        self.topic = topic
        self.configs = configs
        self.partitions = partitions
    }
}
