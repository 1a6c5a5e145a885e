// ListTransactions (key 66), versions 0-1 (KIP-664): the transactional ids a coordinator knows, filtered by
// state and producer id. Flexible from v0. v1: a duration filter, to list transactions open longer than it
// (KIP-994).

public struct ListTransactionsRequest: KafkaRequest {
    public typealias Response = ListTransactionsResponse
    public static let apiKey = APIKey.listTransactions
    public static let versions: ClosedRange<Int16> = 0...1
    public static let firstFlexibleVersion: Int16? = 0

    /// Empty: every state.
    public var stateFilters: [String]
    /// Empty: every producer id.
    public var producerIdFilters: [Int64]
    /// v1+: only transactions running longer than this many ms; negative: all.
    public var durationFilter: Int64

    public init(stateFilters: [String] = [], producerIdFilters: [Int64] = [], durationFilter: Int64 = -1) {
        self.stateFilters = stateFilters
        self.producerIdFilters = producerIdFilters
        self.durationFilter = durationFilter
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        self.init(stateFilters: try reader.readArray("state filters") { try $0.readString("state") },
                  producerIdFilters: try reader.readArray("producer id filters") { try $0.readInt64("producer id") })
        if version >= 1 { durationFilter = try reader.readInt64("duration filter") }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeArray(stateFilters) { $0.writeString($1) }
        writer.writeArray(producerIdFilters) { $0.writeInt64($1) }
        if version >= 1 { writer.writeInt64(durationFilter) }
        writer.writeTaggedFields()
    }
}

public struct ListTransactionsResponse: KafkaMessage {
    public struct TransactionState: Sendable, Equatable {
        public var transactionalId: String
        public var producerId: Int64
        /// Kafka's state name (see `DescribeTransactionsResponse.TransactionState`).
        public var transactionState: String
        public init(transactionalId: String, producerId: Int64, transactionState: String) {
            self.transactionalId = transactionalId
            self.producerId = producerId
            self.transactionState = transactionState
        }
    }

    public var throttleTimeMs: Int32
    public var errorCode: ErrorCode
    /// State filters of the request the coordinator does not know.
    public var unknownStateFilters: [String]
    public var transactionStates: [TransactionState]

    public init(throttleTimeMs: Int32 = 0, errorCode: ErrorCode = .none, unknownStateFilters: [String] = [], transactionStates: [TransactionState]) {
        self.throttleTimeMs = throttleTimeMs
        self.errorCode = errorCode
        self.unknownStateFilters = unknownStateFilters
        self.transactionStates = transactionStates
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        self.init(throttleTimeMs: try reader.readInt32("throttle time"), errorCode: ErrorCode(try reader.readInt16("error code")),
                  unknownStateFilters: try reader.readArray("unknown state filters") { try $0.readString("state") },
                  transactionStates: try reader.readArray("transaction states") { r in
                      let state = TransactionState(transactionalId: try r.readString("transactional id"), producerId: try r.readInt64("producer id"),
                                                   transactionState: try r.readString("transaction state"))
                      try r.readTaggedFields()
                      return state
                  })
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeInt32(throttleTimeMs)
        writer.writeInt16(errorCode.rawValue)
        writer.writeArray(unknownStateFilters) { $0.writeString($1) }
        writer.writeArray(transactionStates) { w, state in
            w.writeString(state.transactionalId)
            w.writeInt64(state.producerId)
            w.writeString(state.transactionState)
            w.writeTaggedFields()
        }
        writer.writeTaggedFields()
    }
}
