/// A topic and some of its partition indexes: how transaction APIs (AddPartitionsToTxn, WriteTxnMarkers,
/// DescribeProducers, DescribeTransactions) name partitions on the wire.
public struct TopicPartitionIndexes: Sendable, Equatable {
    public var name: String
    public var partitions: [Int32]

    public init(name: String, partitions: [Int32]) {
        self.name = name
        self.partitions = partitions
    }

    public var topicPartitions: [TopicPartition] { partitions.map { TopicPartition(name, $0) } }

    /// Groups partitions by topic, topics and partitions in order.
    public static func grouping<S: Sequence<TopicPartition>>(_ partitions: S) -> [TopicPartitionIndexes] {
        Dictionary(grouping: Set(partitions), by: \.topic)
            .map { TopicPartitionIndexes(name: $0.key, partitions: $0.value.map(\.partition).sorted()) }
            .sorted { $0.name < $1.name }
    }

    static func readArray(_ reader: inout KafkaReader) throws -> [TopicPartitionIndexes] {
        try reader.readArray("topics") { r in
            let topic = TopicPartitionIndexes(name: try r.readString("topic"), partitions: try r.readArray("partitions") { try $0.readInt32("partition") })
            try r.readTaggedFields()
            return topic
        }
    }

    static func writeArray(_ topics: [TopicPartitionIndexes], to writer: inout KafkaWriter) {
        writer.writeArray(topics) { w, topic in
            w.writeString(topic.name)
            w.writeArray(topic.partitions) { $0.writeInt32($1) }
            w.writeTaggedFields()
        }
    }
}
