import NIOCore

// Produce (key 0), versions 3-11 (RecordBatch v2 needs v3+).
// v3: transactional id. v4-v6: same wire format (error semantics). v5: log start offset in the response.
// v7: ZStandard allowed. v8: record errors and an error message. v9: flexible.
// v10-v11: response tagged CurrentLeader per partition and NodeEndpoints (KIP-951) — sent on
// NOT_LEADER_OR_FOLLOWER so clients can skip a metadata round trip.

public struct ProduceRequest: KafkaRequest {
    public typealias Response = ProduceResponse
    public static let apiKey = APIKey.produce
    public static let versions: ClosedRange<Int16> = 3...11
    public static let firstFlexibleVersion: Int16? = 9

    public struct PartitionData: Sendable, Equatable {
        public var index: Int32
        public var records: ByteBuffer?
        public init(index: Int32, records: ByteBuffer?) {
            self.index = index
            self.records = records
        }
    }

    public struct TopicData: Sendable, Equatable {
        public var name: String
        public var partitionData: [PartitionData]
        public init(name: String, partitionData: [PartitionData]) {
            self.name = name
            self.partitionData = partitionData
        }
    }

    public var transactionalId: String?
    public var acks: Int16
    public var timeoutMs: Int32
    public var topicData: [TopicData]

    public init(transactionalId: String? = nil, acks: Int16, timeoutMs: Int32, topicData: [TopicData]) {
        self.transactionalId = transactionalId
        self.acks = acks
        self.timeoutMs = timeoutMs
        self.topicData = topicData
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        transactionalId = try reader.readNullableString("transactional id")
        acks = try reader.readInt16("acks")
        timeoutMs = try reader.readInt32("timeout")
        topicData = try reader.readArray("topics") { r in
            let name = try r.readString("topic")
            let partitions = try r.readArray("partitions") { p in
                let data = PartitionData(index: try p.readInt32(), records: try p.readNullableBytes("records"))
                try p.readTaggedFields()
                return data
            }
            try r.readTaggedFields()
            return TopicData(name: name, partitionData: partitions)
        }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeNullableString(transactionalId)
        writer.writeInt16(acks)
        writer.writeInt32(timeoutMs)
        writer.writeArray(topicData) { w, topic in
            w.writeString(topic.name)
            w.writeArray(topic.partitionData) { p, data in
                p.writeInt32(data.index)
                p.writeNullableBytes(data.records)
                p.writeTaggedFields()
            }
            w.writeTaggedFields()
        }
        writer.writeTaggedFields()
    }
}

/// Leader id and epoch (KIP-951 hints in Produce and Fetch responses).
public struct LeaderIdAndEpoch: Sendable, Equatable {
    public var leaderId: Int32
    public var leaderEpoch: Int32
    public init(leaderId: Int32 = -1, leaderEpoch: Int32 = -1) {
        self.leaderId = leaderId
        self.leaderEpoch = leaderEpoch
    }

    init(from r: inout KafkaReader) throws {
        leaderId = try r.readInt32()
        leaderEpoch = try r.readInt32()
        try r.readTaggedFields()
    }

    func write(to w: inout KafkaWriter) {
        w.writeInt32(leaderId)
        w.writeInt32(leaderEpoch)
        w.writeTaggedFields()
    }
}

/// A broker's address (KIP-951 NodeEndpoints in Produce and Fetch responses).
public struct NodeEndpoint: Sendable, Equatable {
    public var nodeId: Int32
    public var host: String
    public var port: Int32
    public var rack: String?
    public init(nodeId: Int32, host: String, port: Int32, rack: String? = nil) {
        self.nodeId = nodeId
        self.host = host
        self.port = port
        self.rack = rack
    }

    static func readArray(_ r: inout KafkaReader) throws -> [NodeEndpoint] {
        try r.readArray("node endpoints") { e in
            let endpoint = NodeEndpoint(nodeId: try e.readInt32(), host: try e.readString(), port: try e.readInt32(),
                                        rack: try e.readNullableString())
            try e.readTaggedFields()
            return endpoint
        }
    }

    static func writeArray(_ endpoints: [NodeEndpoint], _ w: inout KafkaWriter) {
        w.writeArray(endpoints) { e, endpoint in
            e.writeInt32(endpoint.nodeId)
            e.writeString(endpoint.host)
            e.writeInt32(endpoint.port)
            e.writeNullableString(endpoint.rack)
            e.writeTaggedFields()
        }
    }
}

public struct ProduceResponse: KafkaMessage {
    public struct RecordError: Sendable, Equatable {
        public var batchIndex: Int32
        public var batchIndexErrorMessage: String?
        public init(batchIndex: Int32, batchIndexErrorMessage: String?) {
            self.batchIndex = batchIndex
            self.batchIndexErrorMessage = batchIndexErrorMessage
        }
    }

    public struct PartitionResponse: Sendable, Equatable {
        public var index: Int32
        public var errorCode: ErrorCode
        public var baseOffset: Int64
        public var logAppendTimeMs: Int64
        public var logStartOffset: Int64
        public var recordErrors: [RecordError]
        public var errorMessage: String?
        public var currentLeader: LeaderIdAndEpoch?
        public init(index: Int32, errorCode: ErrorCode = .none, baseOffset: Int64 = -1, logAppendTimeMs: Int64 = -1,
                    logStartOffset: Int64 = -1, recordErrors: [RecordError] = [], errorMessage: String? = nil,
                    currentLeader: LeaderIdAndEpoch? = nil) {
            self.index = index
            self.errorCode = errorCode
            self.baseOffset = baseOffset
            self.logAppendTimeMs = logAppendTimeMs
            self.logStartOffset = logStartOffset
            self.recordErrors = recordErrors
            self.errorMessage = errorMessage
            self.currentLeader = currentLeader
        }
    }

    public struct TopicResponse: Sendable, Equatable {
        public var name: String
        public var partitionResponses: [PartitionResponse]
        public init(name: String, partitionResponses: [PartitionResponse]) {
            self.name = name
            self.partitionResponses = partitionResponses
        }
    }

    public var responses: [TopicResponse]
    public var throttleTimeMs: Int32
    public var nodeEndpoints: [NodeEndpoint]

    public init(responses: [TopicResponse], throttleTimeMs: Int32 = 0, nodeEndpoints: [NodeEndpoint] = []) {
        self.responses = responses
        self.throttleTimeMs = throttleTimeMs
        self.nodeEndpoints = nodeEndpoints
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        responses = try reader.readArray("responses") { r in
            let name = try r.readString("topic")
            let partitions = try r.readArray("partitions") { p in
                var response = PartitionResponse(index: try p.readInt32(), errorCode: ErrorCode(try p.readInt16()),
                                                 baseOffset: try p.readInt64(), logAppendTimeMs: try p.readInt64())
                if version >= 5 { response.logStartOffset = try p.readInt64() }
                if version >= 8 {
                    response.recordErrors = try p.readArray("record errors") { e in
                        let error = RecordError(batchIndex: try e.readInt32(), batchIndexErrorMessage: try e.readNullableString())
                        try e.readTaggedFields()
                        return error
                    }
                    response.errorMessage = try p.readNullableString("error message")
                }
                try p.readTaggedFields { tag, t in
                    if tag == 0 && version >= 10 { response.currentLeader = try LeaderIdAndEpoch(from: &t) }
                }
                return response
            }
            try r.readTaggedFields()
            return TopicResponse(name: name, partitionResponses: partitions)
        }
        throttleTimeMs = try reader.readInt32("throttle time")
        var endpoints: [NodeEndpoint] = []
        try reader.readTaggedFields { tag, t in
            if tag == 0 && version >= 10 { endpoints = try NodeEndpoint.readArray(&t) }
        }
        nodeEndpoints = endpoints
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeArray(responses) { w, topic in
            w.writeString(topic.name)
            w.writeArray(topic.partitionResponses) { p, response in
                p.writeInt32(response.index)
                p.writeInt16(response.errorCode.rawValue)
                p.writeInt64(response.baseOffset)
                p.writeInt64(response.logAppendTimeMs)
                if version >= 5 { p.writeInt64(response.logStartOffset) }
                if version >= 8 {
                    p.writeArray(response.recordErrors) { e, error in
                        e.writeInt32(error.batchIndex)
                        e.writeNullableString(error.batchIndexErrorMessage)
                        e.writeTaggedFields()
                    }
                    p.writeNullableString(response.errorMessage)
                }
                if version >= 10, let leader = response.currentLeader {
                    p.writeTaggedFields([(tag: 0, write: { leader.write(to: &$0) })])
                } else {
                    p.writeTaggedFields()
                }
            }
            w.writeTaggedFields()
        }
        writer.writeInt32(throttleTimeMs)
        if version >= 10 && !nodeEndpoints.isEmpty {
            writer.writeTaggedFields([(tag: 0, write: { NodeEndpoint.writeArray(nodeEndpoints, &$0) })])
        } else {
            writer.writeTaggedFields()
        }
    }
}
