// DescribeProducers (key 61), version 0 (KIP-664): the producers a partition leader tracks, with each one's
// open transaction, for finding hanging transactions. Flexible from v0.

public struct DescribeProducersRequest: KafkaRequest {
    public typealias Response = DescribeProducersResponse
    public static let apiKey = APIKey.describeProducers
    public static let versions: ClosedRange<Int16> = 0...0
    public static let firstFlexibleVersion: Int16? = 0

    public typealias Topic = TopicPartitionIndexes

    public var topics: [Topic]

    public init(topics: [Topic]) {
        self.topics = topics
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        topics = try TopicPartitionIndexes.readArray(&reader)
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        TopicPartitionIndexes.writeArray(topics, to: &writer)
        writer.writeTaggedFields()
    }
}

public struct DescribeProducersResponse: KafkaMessage {
    public struct ProducerState: Sendable, Equatable {
        public var producerId: Int64
        /// An int32 on the wire, unlike every other producer epoch.
        public var producerEpoch: Int32
        public var lastSequence: Int32
        public var lastTimestamp: Int64
        public var coordinatorEpoch: Int32
        /// The first offset of the producer's open transaction, -1 if none.
        public var currentTxnStartOffset: Int64
        public init(producerId: Int64, producerEpoch: Int32, lastSequence: Int32 = -1, lastTimestamp: Int64 = -1,
                    coordinatorEpoch: Int32 = -1, currentTxnStartOffset: Int64 = -1) {
            self.producerId = producerId
            self.producerEpoch = producerEpoch
            self.lastSequence = lastSequence
            self.lastTimestamp = lastTimestamp
            self.coordinatorEpoch = coordinatorEpoch
            self.currentTxnStartOffset = currentTxnStartOffset
        }
    }

    public struct Partition: Sendable, Equatable {
        public var partitionIndex: Int32
        public var errorCode: ErrorCode
        public var errorMessage: String?
        public var activeProducers: [ProducerState]
        public init(partitionIndex: Int32, errorCode: ErrorCode = .none, errorMessage: String? = nil, activeProducers: [ProducerState] = []) {
            self.partitionIndex = partitionIndex
            self.errorCode = errorCode
            self.errorMessage = errorMessage
            self.activeProducers = activeProducers
        }
    }

    public struct Topic: Sendable, Equatable {
        public var name: String
        public var partitions: [Partition]
        public init(name: String, partitions: [Partition]) {
            self.name = name
            self.partitions = partitions
        }
    }

    public var throttleTimeMs: Int32
    public var topics: [Topic]

    public init(throttleTimeMs: Int32 = 0, topics: [Topic]) {
        self.throttleTimeMs = throttleTimeMs
        self.topics = topics
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        throttleTimeMs = try reader.readInt32("throttle time")
        topics = try reader.readArray("topics") { r in
            let name = try r.readString("topic")
            let partitions = try r.readArray("partitions") { p in
                var partition = Partition(partitionIndex: try p.readInt32("partition"), errorCode: ErrorCode(try p.readInt16("error code")),
                                          errorMessage: try p.readNullableString("error message"))
                partition.activeProducers = try p.readArray("active producers") { s in
                    let state = ProducerState(producerId: try s.readInt64("producer id"), producerEpoch: try s.readInt32("producer epoch"),
                                              lastSequence: try s.readInt32("last sequence"), lastTimestamp: try s.readInt64("last timestamp"),
                                              coordinatorEpoch: try s.readInt32("coordinator epoch"),
                                              currentTxnStartOffset: try s.readInt64("current txn start offset"))
                    try s.readTaggedFields()
                    return state
                }
                try p.readTaggedFields()
                return partition
            }
            try r.readTaggedFields()
            return Topic(name: name, partitions: partitions)
        }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeInt32(throttleTimeMs)
        writer.writeArray(topics) { w, topic in
            w.writeString(topic.name)
            w.writeArray(topic.partitions) { p, partition in
                p.writeInt32(partition.partitionIndex)
                p.writeInt16(partition.errorCode.rawValue)
                p.writeNullableString(partition.errorMessage)
                p.writeArray(partition.activeProducers) { s, state in
                    s.writeInt64(state.producerId)
                    s.writeInt32(state.producerEpoch)
                    s.writeInt32(state.lastSequence)
                    s.writeInt64(state.lastTimestamp)
                    s.writeInt32(state.coordinatorEpoch)
                    s.writeInt64(state.currentTxnStartOffset)
                    s.writeTaggedFields()
                }
                p.writeTaggedFields()
            }
            w.writeTaggedFields()
        }
        writer.writeTaggedFields()
    }
}
