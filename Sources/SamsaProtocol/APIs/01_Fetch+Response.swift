import NIOCore

public struct FetchResponse: KafkaMessage {
    public struct EpochEndOffset: Sendable, Equatable {
        public var epoch: Int32
        public var endOffset: Int64
        public init(epoch: Int32 = -1, endOffset: Int64 = -1) {
            self.epoch = epoch
            self.endOffset = endOffset
        }
    }

    public struct SnapshotId: Sendable, Equatable {
        public var endOffset: Int64
        public var epoch: Int32
        public init(endOffset: Int64 = -1, epoch: Int32 = -1) {
            self.endOffset = endOffset
            self.epoch = epoch
        }
    }

    public struct AbortedTransaction: Sendable, Equatable {
        public var producerId: Int64
        public var firstOffset: Int64
        public init(producerId: Int64, firstOffset: Int64) {
            self.producerId = producerId
            self.firstOffset = firstOffset
        }
    }

    public struct PartitionData: Sendable, Equatable {
        public var partitionIndex: Int32
        public var errorCode: ErrorCode
        public var highWatermark: Int64
        public var lastStableOffset: Int64
        public var logStartOffset: Int64
        public var divergingEpoch: EpochEndOffset?
        public var currentLeader: LeaderIdAndEpoch?
        public var snapshotId: SnapshotId?
        public var abortedTransactions: [AbortedTransaction]?
        public var preferredReadReplica: Int32
        public var records: ByteBuffer?
        /// Records a broker sends straight from a log segment (sendfile) instead of `records`. Encoding only:
        /// a decoded response always has `records`.
        public var fileRecords: FileRecords?
        public init(partitionIndex: Int32, errorCode: ErrorCode = .none, highWatermark: Int64 = -1,
                    lastStableOffset: Int64 = -1, logStartOffset: Int64 = -1, divergingEpoch: EpochEndOffset? = nil,
                    currentLeader: LeaderIdAndEpoch? = nil, snapshotId: SnapshotId? = nil,
                    abortedTransactions: [AbortedTransaction]? = nil, preferredReadReplica: Int32 = -1,
                    records: ByteBuffer? = nil, fileRecords: FileRecords? = nil) {
            self.partitionIndex = partitionIndex
            self.errorCode = errorCode
            self.highWatermark = highWatermark
            self.lastStableOffset = lastStableOffset
            self.logStartOffset = logStartOffset
            self.divergingEpoch = divergingEpoch
            self.currentLeader = currentLeader
            self.snapshotId = snapshotId
            self.abortedTransactions = abortedTransactions
            self.preferredReadReplica = preferredReadReplica
            self.records = records
            self.fileRecords = fileRecords
        }
    }

    public struct TopicResponse: Sendable, Equatable {
        public var topic: String
        public var topicId: KafkaUUID
        public var partitions: [PartitionData]
        public init(topic: String = "", topicId: KafkaUUID = .zero, partitions: [PartitionData]) {
            self.topic = topic
            self.topicId = topicId
            self.partitions = partitions
        }
    }

    public var throttleTimeMs: Int32
    public var errorCode: ErrorCode
    public var sessionId: Int32
    public var responses: [TopicResponse]
    public var nodeEndpoints: [NodeEndpoint]

    public init(throttleTimeMs: Int32 = 0, errorCode: ErrorCode = .none, sessionId: Int32 = 0, responses: [TopicResponse],
                nodeEndpoints: [NodeEndpoint] = []) {
        self.throttleTimeMs = throttleTimeMs
        self.errorCode = errorCode
        self.sessionId = sessionId
        self.responses = responses
        self.nodeEndpoints = nodeEndpoints
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        self.init(responses: [])
        throttleTimeMs = try reader.readInt32("throttle time")
        if version >= 7 {
            errorCode = ErrorCode(try reader.readInt16())
            sessionId = try reader.readInt32()
        }
        responses = try reader.readArray("responses") { r in
            var topic = TopicResponse(partitions: [])
            if version >= 13 { topic.topicId = try r.readUUID() } else { topic.topic = try r.readString("topic") }
            topic.partitions = try r.readArray("partitions") { p in
                var data = PartitionData(partitionIndex: try p.readInt32(), errorCode: ErrorCode(try p.readInt16()),
                                         highWatermark: try p.readInt64(), lastStableOffset: try p.readInt64())
                if version >= 5 { data.logStartOffset = try p.readInt64() }
                data.abortedTransactions = try p.readNullableArray("aborted transactions") { a in
                    let aborted = AbortedTransaction(producerId: try a.readInt64(), firstOffset: try a.readInt64())
                    try a.readTaggedFields()
                    return aborted
                }
                if version >= 11 { data.preferredReadReplica = try p.readInt32() }
                data.records = try p.readNullableBytes("records")
                try p.readTaggedFields { tag, t in
                    switch tag {
                    case 0:
                        data.divergingEpoch = EpochEndOffset(epoch: try t.readInt32(), endOffset: try t.readInt64())
                        try t.readTaggedFields()
                    case 1:
                        data.currentLeader = try LeaderIdAndEpoch(from: &t)
                    case 2:
                        data.snapshotId = SnapshotId(endOffset: try t.readInt64(), epoch: try t.readInt32())
                        try t.readTaggedFields()
                    default: break
                    }
                }
                return data
            }
            try r.readTaggedFields()
            return topic
        }
        var endpoints: [NodeEndpoint] = []
        try reader.readTaggedFields { tag, t in
            if tag == 0 && version >= 16 { endpoints = try NodeEndpoint.readArray(&t) }
        }
        nodeEndpoints = endpoints
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeInt32(throttleTimeMs)
        if version >= 7 {
            writer.writeInt16(errorCode.rawValue)
            writer.writeInt32(sessionId)
        }
        writer.writeArray(responses) { w, topic in
            if version >= 13 { w.writeUUID(topic.topicId) } else { w.writeString(topic.topic) }
            w.writeArray(topic.partitions) { p, data in
                p.writeInt32(data.partitionIndex)
                p.writeInt16(data.errorCode.rawValue)
                p.writeInt64(data.highWatermark)
                p.writeInt64(data.lastStableOffset)
                if version >= 5 { p.writeInt64(data.logStartOffset) }
                p.writeNullableArray(data.abortedTransactions) { a, aborted in
                    a.writeInt64(aborted.producerId)
                    a.writeInt64(aborted.firstOffset)
                    a.writeTaggedFields()
                }
                if version >= 11 { p.writeInt32(data.preferredReadReplica) }
                p.writeRecords(data.records, file: data.fileRecords)
                var tags: [(tag: UInt32, write: (inout KafkaWriter) -> Void)] = []
                if let diverging = data.divergingEpoch {
                    tags.append((tag: 0, write: {
                        $0.writeInt32(diverging.epoch)
                        $0.writeInt64(diverging.endOffset)
                        $0.writeTaggedFields()
                    }))
                }
                if let leader = data.currentLeader { tags.append((tag: 1, write: { leader.write(to: &$0) })) }
                if let snapshot = data.snapshotId {
                    tags.append((tag: 2, write: {
                        $0.writeInt64(snapshot.endOffset)
                        $0.writeInt32(snapshot.epoch)
                        $0.writeTaggedFields()
                    }))
                }
                p.writeTaggedFields(tags)
            }
            w.writeTaggedFields()
        }
        if version >= 16 && !nodeEndpoints.isEmpty {
            writer.writeTaggedFields([(tag: 0, write: { NodeEndpoint.writeArray(nodeEndpoints, &$0) })])
        } else {
            writer.writeTaggedFields()
        }
    }
}
