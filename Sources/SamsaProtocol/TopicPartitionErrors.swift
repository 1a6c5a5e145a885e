/// A topic's per-partition error codes: how transaction APIs (AddPartitionsToTxn, WriteTxnMarkers,
/// TxnOffsetCommit) answer for partitions.
public struct TopicPartitionErrors: Sendable, Equatable {
    public struct Partition: Sendable, Equatable {
        public var partitionIndex: Int32
        public var errorCode: ErrorCode
        public init(partitionIndex: Int32, errorCode: ErrorCode = .none) {
            self.partitionIndex = partitionIndex
            self.errorCode = errorCode
        }
    }

    public var name: String
    public var partitions: [Partition]

    public init(name: String, partitions: [Partition]) {
        self.name = name
        self.partitions = partitions
    }

    public var errors: [(TopicPartition, ErrorCode)] { partitions.map { (TopicPartition(name, $0.partitionIndex), $0.errorCode) } }

    /// Groups per-partition errors by topic, topics and partitions in order.
    public static func grouping(_ errors: [TopicPartition: ErrorCode]) -> [TopicPartitionErrors] {
        Dictionary(grouping: errors, by: \.key.topic)
            .map { topic, entries in
                TopicPartitionErrors(name: topic, partitions: entries.map { Partition(partitionIndex: $0.key.partition, errorCode: $0.value) }
                    .sorted { $0.partitionIndex < $1.partitionIndex })
            }
            .sorted { $0.name < $1.name }
    }

    static func readArray(_ reader: inout KafkaReader) throws -> [TopicPartitionErrors] {
        try reader.readArray("topics") { r in
            let name = try r.readString("topic")
            let partitions = try r.readArray("partitions") { p in
                let partition = Partition(partitionIndex: try p.readInt32("partition"), errorCode: ErrorCode(try p.readInt16("error code")))
                try p.readTaggedFields()
                return partition
            }
            try r.readTaggedFields()
            return TopicPartitionErrors(name: name, partitions: partitions)
        }
    }

    static func writeArray(_ topics: [TopicPartitionErrors], to writer: inout KafkaWriter) {
        writer.writeArray(topics) { w, topic in
            w.writeString(topic.name)
            w.writeArray(topic.partitions) { p, partition in
                p.writeInt32(partition.partitionIndex)
                p.writeInt16(partition.errorCode.rawValue)
                p.writeTaggedFields()
            }
            w.writeTaggedFields()
        }
    }
}
