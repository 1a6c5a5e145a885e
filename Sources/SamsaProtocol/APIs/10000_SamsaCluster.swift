// SamsaCluster (key 10000), version 0, flexible. Not a Kafka API: Samsa's extension for `samsa cluster`.
// Describes every broker of the embedded cluster, down ones included (Metadata lists only live brokers),
// and injects faults: stop, kill, start, isolate, heal, slow a follower. Kafka clients never send it and
// skip unknown keys in the ApiVersions answer.

public struct SamsaClusterRequest: KafkaRequest {
    public typealias Response = SamsaClusterResponse
    public static let apiKey = APIKey.samsaCluster
    public static let versions: ClosedRange<Int16> = 0...0
    public static let firstFlexibleVersion: Int16? = 0

    public enum Action: Int8, Sendable, CaseIterable {
        case describe = 0, stopBroker = 1, killBroker = 2, startBroker = 3, isolateBroker = 4, heal = 5, slowFollower = 6
    }

    public var action: Action
    public var brokerId: Int32
    /// For slowFollower: the delay before each replica fetch (0 restores full speed).
    public var delayMs: Int32

    public init(action: Action, brokerId: Int32 = -1, delayMs: Int32 = 0) {
        self.action = action
        self.brokerId = brokerId
        self.delayMs = delayMs
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        let raw = try reader.readInt8("action")
        guard let action = Action(rawValue: raw) else { throw ProtocolError.invalidField("action", "\(raw)") }
        self.init(action: action, brokerId: try reader.readInt32("broker id"), delayMs: try reader.readInt32("delay"))
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeInt8(action.rawValue)
        writer.writeInt32(brokerId)
        writer.writeInt32(delayMs)
        writer.writeTaggedFields()
    }
}

public struct SamsaClusterResponse: KafkaMessage {
    public struct Broker: Sendable, Equatable {
        public var brokerId: Int32
        public var host: String
        public var port: Int32
        /// online, stopped, crashed or isolated.
        public var status: String
        /// Counted alive by the controller (an isolated broker until it is fenced).
        public var live: Bool
        public var replicationDelayMs: Int32

        public init(brokerId: Int32, host: String, port: Int32, status: String, live: Bool, replicationDelayMs: Int32 = 0) {
            self.brokerId = brokerId
            self.host = host
            self.port = port
            self.status = status
            self.live = live
            self.replicationDelayMs = replicationDelayMs
        }
    }

    public var errorCode: ErrorCode
    public var errorMessage: String?
    public var controllerId: Int32
    public var brokers: [Broker]

    public init(errorCode: ErrorCode = .none, errorMessage: String? = nil, controllerId: Int32 = -1, brokers: [Broker] = []) {
        self.errorCode = errorCode
        self.errorMessage = errorMessage
        self.controllerId = controllerId
        self.brokers = brokers
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        errorCode = ErrorCode(try reader.readInt16("error code"))
        errorMessage = try reader.readNullableString("error message")
        controllerId = try reader.readInt32("controller id")
        brokers = try reader.readArray("brokers") { r in
            let broker = Broker(brokerId: try r.readInt32("broker id"), host: try r.readString("host"), port: try r.readInt32("port"),
                                status: try r.readString("status"), live: try r.readBool("live"),
                                replicationDelayMs: try r.readInt32("replication delay"))
            try r.readTaggedFields()
            return broker
        }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeInt16(errorCode.rawValue)
        writer.writeNullableString(errorMessage)
        writer.writeInt32(controllerId)
        writer.writeArray(brokers) { w, broker in
            w.writeInt32(broker.brokerId)
            w.writeString(broker.host)
            w.writeInt32(broker.port)
            w.writeString(broker.status)
            w.writeBool(broker.live)
            w.writeInt32(broker.replicationDelayMs)
            w.writeTaggedFields()
        }
        writer.writeTaggedFields()
    }
}
