// FindCoordinator (key 10), versions 0-5.
// v1: key type (0 group, 1 transaction); throttle time and error message in the response. v2: same as
// v1. v3: flexible. v4: batched, several coordinator keys per request and one answer each (KIP-699).
// v5: same as v4, may answer TRANSACTION_ABORTABLE (KIP-890).

public struct FindCoordinatorRequest: KafkaRequest {
    public typealias Response = FindCoordinatorResponse
    public static let apiKey = APIKey.findCoordinator
    public static let versions: ClosedRange<Int16> = 0...5
    public static let firstFlexibleVersion: Int16? = 3

    /// Key types: what `key` names.
    public static let groupKeyType: Int8 = 0
    public static let transactionKeyType: Int8 = 1

    /// v0-v3: the group id or transactional id.
    public var key: String
    /// v1+.
    public var keyType: Int8
    /// v4+.
    public var coordinatorKeys: [String]

    /// The single-key form (v0-v3).
    public init(key: String, keyType: Int8 = 0) {
        self.key = key
        self.keyType = keyType
        self.coordinatorKeys = []
    }

    /// The batched form (v4+).
    public init(coordinatorKeys: [String], keyType: Int8 = 0) {
        self.key = ""
        self.keyType = keyType
        self.coordinatorKeys = coordinatorKeys
    }

    /// The keys asked about, whatever the version's layout.
    public func keys(version: Int16) -> [String] {
        version >= 4 ? coordinatorKeys : [key]
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        self.init(key: "")
        if version <= 3 { key = try reader.readString("key") }
        if version >= 1 { keyType = try reader.readInt8("key type") }
        if version >= 4 { coordinatorKeys = try reader.readArray("coordinator keys") { try $0.readString("key") } }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        if version <= 3 { writer.writeString(key) }
        if version >= 1 { writer.writeInt8(keyType) }
        if version >= 4 { writer.writeArray(coordinatorKeys) { $0.writeString($1) } }
        writer.writeTaggedFields()
    }
}

public struct FindCoordinatorResponse: KafkaMessage {
    public struct Coordinator: Sendable, Equatable {
        public var key: String
        public var nodeId: Int32
        public var host: String
        public var port: Int32
        public var errorCode: ErrorCode
        public var errorMessage: String?
        public init(key: String, nodeId: Int32, host: String, port: Int32, errorCode: ErrorCode = .none, errorMessage: String? = nil) {
            self.key = key
            self.nodeId = nodeId
            self.host = host
            self.port = port
            self.errorCode = errorCode
            self.errorMessage = errorMessage
        }
    }

    /// v1+.
    public var throttleTimeMs: Int32
    /// v0-v3 (this and the fields down to `port`).
    public var errorCode: ErrorCode
    /// v1-v3.
    public var errorMessage: String?
    public var nodeId: Int32
    public var host: String
    public var port: Int32
    /// v4+.
    public var coordinators: [Coordinator]

    /// The single-key form (v0-v3).
    public init(throttleTimeMs: Int32 = 0, errorCode: ErrorCode = .none, errorMessage: String? = nil, nodeId: Int32, host: String,
                port: Int32) {
        self.throttleTimeMs = throttleTimeMs
        self.errorCode = errorCode
        self.errorMessage = errorMessage
        self.nodeId = nodeId
        self.host = host
        self.port = port
        self.coordinators = []
    }

    /// The batched form (v4+).
    public init(throttleTimeMs: Int32 = 0, coordinators: [Coordinator]) {
        self.init(throttleTimeMs: throttleTimeMs, nodeId: -1, host: "", port: -1)
        self.coordinators = coordinators
    }

    /// Lays per-key answers out for `version`: v4+ as a list, older versions the first answer at top level
    /// (COORDINATOR_NOT_AVAILABLE if there is none).
    public init(throttleTimeMs: Int32 = 0, coordinators: [Coordinator], version: Int16) {
        if version >= 4 {
            self.init(throttleTimeMs: throttleTimeMs, coordinators: coordinators)
        } else if let first = coordinators.first {
            self.init(throttleTimeMs: throttleTimeMs, errorCode: first.errorCode, errorMessage: first.errorMessage,
                      nodeId: first.nodeId, host: first.host, port: first.port)
        } else {
            self.init(throttleTimeMs: throttleTimeMs, errorCode: .coordinatorNotAvailable, nodeId: -1, host: "", port: -1)
        }
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        self.init(coordinators: [])
        if version >= 1 { throttleTimeMs = try reader.readInt32("throttle time") }
        if version <= 3 {
            errorCode = ErrorCode(try reader.readInt16("error code"))
            if version >= 1 { errorMessage = try reader.readNullableString("error message") }
            nodeId = try reader.readInt32("node id")
            host = try reader.readString("host")
            port = try reader.readInt32("port")
        } else {
            coordinators = try reader.readArray("coordinators") { r in
                let coordinator = Coordinator(key: try r.readString("key"), nodeId: try r.readInt32("node id"),
                                              host: try r.readString("host"), port: try r.readInt32("port"),
                                              errorCode: ErrorCode(try r.readInt16("error code")),
                                              errorMessage: try r.readNullableString("error message"))
                try r.readTaggedFields()
                return coordinator
            }
        }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        if version >= 1 { writer.writeInt32(throttleTimeMs) }
        if version <= 3 {
            writer.writeInt16(errorCode.rawValue)
            if version >= 1 { writer.writeNullableString(errorMessage) }
            writer.writeInt32(nodeId)
            writer.writeString(host)
            writer.writeInt32(port)
        } else {
            writer.writeArray(coordinators) { w, coordinator in
                w.writeString(coordinator.key)
                w.writeInt32(coordinator.nodeId)
                w.writeString(coordinator.host)
                w.writeInt32(coordinator.port)
                w.writeInt16(coordinator.errorCode.rawValue)
                w.writeNullableString(coordinator.errorMessage)
                w.writeTaggedFields()
            }
        }
        writer.writeTaggedFields()
    }
}
