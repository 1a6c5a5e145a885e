import NIOCore
import SamsaProtocol

/// A record to send. A nil partition lets the partitioner choose: by key hash, or sticky for unkeyed records.
public struct ProducerRecord: Sendable {
    public var topic: String
    public var partition: Int32?
    public var key: ByteBuffer?
    public var value: ByteBuffer?
    public var headers: [RecordHeader]
    public var timestamp: Int64?

    public init(topic: String, partition: Int32? = nil, key: ByteBuffer? = nil, value: ByteBuffer?,
                headers: [RecordHeader] = [], timestamp: Int64? = nil) {
        self.topic = topic
        self.partition = partition
        self.key = key
        self.value = value
        self.headers = headers
        self.timestamp = timestamp
    }

    public init(topic: String, key: String? = nil, value: String, partition: Int32? = nil) {
        self.init(topic: topic, partition: partition, key: key.map { ByteBuffer(string: $0) }, value: ByteBuffer(string: value))
    }
}

/// Where an acknowledged record landed.
public struct RecordMetadata: Sendable, Equatable {
    public var topic: String
    public var partition: Int32
    /// -1 when acks=0 (the broker does not say).
    public var offset: Int64
    public var timestamp: Int64
}

public struct ProducerConfig: Sendable {
    /// -1 (all in-sync replicas), 1 (the leader) or 0 (no acknowledgement).
    public var acks: Int16 = -1
    public var lingerMs: Int = 5
    /// A partition's batch is sent once it reaches this many bytes.
    public var batchSize: Int = 256 * 1024
    public var maxRequestSize: Int = 1_048_576
    /// How long a record may take, retries included, before it fails.
    public var deliveryTimeoutMs: Int = 120_000
    public var retryBackoffMs: Int = 100
    /// Bytes buffered before `send` waits for room.
    public var bufferMemory: Int = 64 << 20
    /// Round-robin unkeyed records instead of the sticky partitioner.
    public var roundRobin = false
    /// How each batch's records are compressed (compression.type: none, gzip, snappy, lz4, zstd).
    public var compression: CompressionCodec = .none
    /// `transactional.id`: makes the producer transactional (and idempotent, with acks=all); the id names it
    /// across restarts, so a new producer with the same id fences the old one.
    public var transactionalId: String?
    /// `transaction.timeout.ms`: the coordinator aborts a transaction left open longer than this.
    public var transactionTimeoutMs: Int32 = 60000
    /// `max.block.ms`: how long initTransactions, commitTransaction and the like wait for the coordinator.
    public var maxBlockMs: Int = 60000

    public init() {}

    /// Applies Kafka producer property names (acks, linger.ms, batch.size, …). Returns the ones not understood.
    public mutating func apply(_ properties: [String: String]) throws -> [String] {
        var unknown: [String] = []
        for (key, value) in properties {
            func int() throws -> Int {
                guard let number = Int(value), number >= 0 else {
                    throw ClientError.invalidArgument("Producer property \(key) must be a non-negative number, not \"\(value)\".")
                }
                return number
            }
            switch key {
            case "acks", "request.required.acks":
                switch value {
                case "all", "-1": acks = -1
                case "1": acks = 1
                case "0": acks = 0
                default: throw ClientError.invalidArgument("acks must be all, -1, 0 or 1, not \"\(value)\".")
                }
            case "linger.ms": lingerMs = try int()
            case "batch.size": batchSize = max(1, try int())
            case "max.request.size": maxRequestSize = try int()
            case "delivery.timeout.ms", "message.timeout.ms": deliveryTimeoutMs = try int()
            case "retry.backoff.ms": retryBackoffMs = try int()
            case "buffer.memory": bufferMemory = try int()
            case "compression.type", "compression.codec":
                guard let codec = CompressionCodec(name: value) else {
                    throw ClientError.invalidArgument("compression.type must be none, gzip, snappy, lz4 or zstd, not \"\(value)\".")
                }
                compression = codec
            case "transactional.id": transactionalId = value.isEmpty ? nil : value
            case "transaction.timeout.ms", "transaction.timeout":
                transactionTimeoutMs = Int32(clamping: max(1, try int()))
            case "max.block.ms": maxBlockMs = try int()
            case "enable.idempotence":
                guard value == "true" || value == "false" else {
                    throw ClientError.invalidArgument("enable.idempotence must be true or false, not \"\(value)\".")
                }
                let transactional = properties["transactional.id"].map { !$0.isEmpty } ?? false
                if value == "false" && transactional {
                    throw ClientError.invalidArgument("A transactional producer is idempotent: enable.idempotence=false cannot be combined with transactional.id.")
                }
                if value == "true" && !transactional {
                    throw ClientError.invalidArgument("enable.idempotence=true needs transactional.id: samsa's producer is idempotent only in transactions.")
                }
            case "partitioner.class", "partitioner":
                roundRobin = value.lowercased().contains("roundrobin") || value == "round_robin"
            default: unknown.append(key)
            }
        }
        if transactionalId != nil && acks != -1 {
            throw ClientError.invalidArgument("A transactional producer needs acks=all, not acks=\(acks).")
        }
        return unknown.sorted()
    }
}
