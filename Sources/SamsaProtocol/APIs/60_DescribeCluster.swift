// DescribeCluster (key 60), versions 0-1, flexible from v0.
// v1: the endpoint type (1 brokers, 2 controllers; KIP-919) in request and response.

public struct DescribeClusterRequest: KafkaRequest {
    public typealias Response = DescribeClusterResponse
    public static let apiKey = APIKey.describeCluster
    public static let versions: ClosedRange<Int16> = 0...1
    public static let firstFlexibleVersion: Int16? = 0
    public static let brokersEndpoint: Int8 = 1
    public static let controllersEndpoint: Int8 = 2

    public var includeClusterAuthorizedOperations: Bool
    /// v1+.
    public var endpointType: Int8

    public init(includeClusterAuthorizedOperations: Bool = false, endpointType: Int8 = brokersEndpoint) {
        self.includeClusterAuthorizedOperations = includeClusterAuthorizedOperations
        self.endpointType = endpointType
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        includeClusterAuthorizedOperations = try reader.readBool("include cluster authorized operations")
        endpointType = version >= 1 ? try reader.readInt8("endpoint type") : Self.brokersEndpoint
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeBool(includeClusterAuthorizedOperations)
        if version >= 1 { writer.writeInt8(endpointType) }
        writer.writeTaggedFields()
    }
}

public struct DescribeClusterResponse: KafkaMessage {
    /// The schema's default: operations were not asked for.
    public static let authorizedOperationsOmitted = Int32.min

    public struct Broker: Sendable, Equatable {
        public var brokerId: Int32
        public var host: String
        public var port: Int32
        public var rack: String?
        public init(brokerId: Int32, host: String, port: Int32, rack: String? = nil) {
            self.brokerId = brokerId
            self.host = host
            self.port = port
            self.rack = rack
        }
    }

    public var throttleTimeMs: Int32
    public var errorCode: ErrorCode
    public var errorMessage: String?
    /// v1+.
    public var endpointType: Int8
    public var clusterId: String
    public var controllerId: Int32
    public var brokers: [Broker]
    public var clusterAuthorizedOperations: Int32

    public init(throttleTimeMs: Int32 = 0, errorCode: ErrorCode = .none, errorMessage: String? = nil,
                endpointType: Int8 = DescribeClusterRequest.brokersEndpoint, clusterId: String = "", controllerId: Int32 = -1,
                brokers: [Broker] = [], clusterAuthorizedOperations: Int32 = authorizedOperationsOmitted) {
        self.throttleTimeMs = throttleTimeMs
        self.errorCode = errorCode
        self.errorMessage = errorMessage
        self.endpointType = endpointType
        self.clusterId = clusterId
        self.controllerId = controllerId
        self.brokers = brokers
        self.clusterAuthorizedOperations = clusterAuthorizedOperations
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        throttleTimeMs = try reader.readInt32("throttle time")
        errorCode = ErrorCode(try reader.readInt16("error code"))
        errorMessage = try reader.readNullableString("error message")
        endpointType = version >= 1 ? try reader.readInt8("endpoint type") : DescribeClusterRequest.brokersEndpoint
        clusterId = try reader.readString("cluster id")
        controllerId = try reader.readInt32("controller id")
        brokers = try reader.readArray("brokers") { b in
            let broker = Broker(brokerId: try b.readInt32("broker id"), host: try b.readString("host"), port: try b.readInt32("port"),
                                rack: try b.readNullableString("rack"))
            try b.readTaggedFields()
            return broker
        }
        clusterAuthorizedOperations = try reader.readInt32("cluster authorized operations")
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeInt32(throttleTimeMs)
        writer.writeInt16(errorCode.rawValue)
        writer.writeNullableString(errorMessage)
        if version >= 1 { writer.writeInt8(endpointType) }
        writer.writeString(clusterId)
        writer.writeInt32(controllerId)
        writer.writeArray(brokers) { w, broker in
            w.writeInt32(broker.brokerId)
            w.writeString(broker.host)
            w.writeInt32(broker.port)
            w.writeNullableString(broker.rack)
            w.writeTaggedFields()
        }
        writer.writeInt32(clusterAuthorizedOperations)
        writer.writeTaggedFields()
    }
}
