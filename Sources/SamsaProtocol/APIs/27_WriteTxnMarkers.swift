// WriteTxnMarkers (key 27), versions 0-1.
// The transaction coordinator asks partition leaders to write COMMIT or ABORT control records for finished
// transactions. v1: flexible.

public struct WriteTxnMarkersRequest: KafkaRequest {
    public typealias Response = WriteTxnMarkersResponse
    public static let apiKey = APIKey.writeTxnMarkers
    public static let versions: ClosedRange<Int16> = 0...1
    public static let firstFlexibleVersion: Int16? = 1

    public typealias Topic = TopicPartitionIndexes

    public struct Marker: Sendable, Equatable {
        public var producerId: Int64
        public var producerEpoch: Int16
        /// True for COMMIT, false for ABORT.
        public var transactionResult: Bool
        public var topics: [Topic]
        /// The epoch of the `__transaction_state` partition whose coordinator sends the marker.
        public var coordinatorEpoch: Int32
        public init(producerId: Int64, producerEpoch: Int16, transactionResult: Bool, topics: [Topic], coordinatorEpoch: Int32) {
            self.producerId = producerId
            self.producerEpoch = producerEpoch
            self.transactionResult = transactionResult
            self.topics = topics
            self.coordinatorEpoch = coordinatorEpoch
        }
    }

    public var markers: [Marker]

    public init(markers: [Marker]) {
        self.markers = markers
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        markers = try reader.readArray("markers") { r in
            let producerId = try r.readInt64("producer id")
            let producerEpoch = try r.readInt16("producer epoch")
            let result = try r.readBool("transaction result")
            let topics = try TopicPartitionIndexes.readArray(&r)
            let marker = Marker(producerId: producerId, producerEpoch: producerEpoch, transactionResult: result, topics: topics,
                                coordinatorEpoch: try r.readInt32("coordinator epoch"))
            try r.readTaggedFields()
            return marker
        }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeArray(markers) { w, marker in
            w.writeInt64(marker.producerId)
            w.writeInt16(marker.producerEpoch)
            w.writeBool(marker.transactionResult)
            TopicPartitionIndexes.writeArray(marker.topics, to: &w)
            w.writeInt32(marker.coordinatorEpoch)
            w.writeTaggedFields()
        }
        writer.writeTaggedFields()
    }
}

public struct WriteTxnMarkersResponse: KafkaMessage {
    public typealias Partition = TopicPartitionErrors.Partition
    public typealias Topic = TopicPartitionErrors

    public struct Marker: Sendable, Equatable {
        public var producerId: Int64
        public var topics: [Topic]
        public init(producerId: Int64, topics: [Topic]) {
            self.producerId = producerId
            self.topics = topics
        }
    }

    public var markers: [Marker]

    public init(markers: [Marker]) {
        self.markers = markers
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        markers = try reader.readArray("markers") { r in
            let marker = Marker(producerId: try r.readInt64("producer id"), topics: try TopicPartitionErrors.readArray(&r))
            try r.readTaggedFields()
            return marker
        }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeArray(markers) { w, marker in
            w.writeInt64(marker.producerId)
            TopicPartitionErrors.writeArray(marker.topics, to: &w)
            w.writeTaggedFields()
        }
        writer.writeTaggedFields()
    }
}
