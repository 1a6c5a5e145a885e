import Foundation
import SamsaClient

/// A Streams application's settings under Kafka's `StreamsConfig` names and defaults. `apply` takes
/// properties as Kafka's do (`application.id`, `num.stream.threads`, `consumer.`/`producer.` prefixed overrides, …).
public struct StreamsConfig: Sendable {
    /// `processing.guarantee`.
    public enum ProcessingGuarantee: String, Sendable {
        case atLeastOnce = "at_least_once"
        case exactlyOnceV2 = "exactly_once_v2"
    }

    /// `default.deserialization.exception.handler`: skip a record that fails to deserialize, or stop.
    public enum DeserializationExceptionHandler: String, Sendable {
        case logAndFail = "org.apache.kafka.streams.errors.LogAndFailExceptionHandler"
        case logAndContinue = "org.apache.kafka.streams.errors.LogAndContinueExceptionHandler"
    }

    /// `application.id`: the consumer group, the prefix of internal topics and of the state directory.
    public var applicationId: String
    /// `bootstrap.servers`.
    public var bootstrapServers: String = "localhost:9092"
    /// `client.id`: prefix of the threads' client ids; empty means `<application.id>-<process id>`.
    public var clientId: String = ""
    /// `num.stream.threads`.
    public var numStreamThreads = 1
    /// `processing.guarantee`.
    public var processingGuarantee: ProcessingGuarantee = .atLeastOnce
    /// `state.dir`: Kafka's default is `${java.io.tmpdir}/kafka-streams`.
    public var stateDir: String = (NSTemporaryDirectory() as NSString).appendingPathComponent("kafka-streams")
    /// `commit.interval.ms`: nil means Kafka's default, 30000 (100 under exactly_once_v2).
    public var commitIntervalMsOverride: Int64?
    /// `replication.factor` of internal topics; -1 takes the broker's default.
    public var replicationFactor: Int16 = -1
    /// `cache.max.bytes.buffering` (or `statestore.cache.max.bytes`): the record cache of all threads together;
    /// 0 forwards and logs every update of an aggregation.
    public var cacheMaxBytesBuffering: Int64 = 10 * 1024 * 1024
    public var deserializationExceptionHandler: DeserializationExceptionHandler = .logAndFail
    /// `poll.ms`: how long a thread's poll blocks waiting for records.
    public var pollMs: Int64 = 100
    /// `max.task.idle.ms` (accepted; a task processes whatever of its partitions has data).
    public var maxTaskIdleMs: Int64 = 0
    /// `consumer.`-prefixed (and unprefixed consumer) properties passed to the threads' consumers.
    public var consumerOverrides: [String: String] = [:]
    /// `producer.`-prefixed properties passed to the threads' producers.
    public var producerOverrides: [String: String] = [:]

    public init(applicationId: String, bootstrapServers: String = "localhost:9092") {
        self.applicationId = applicationId
        self.bootstrapServers = bootstrapServers
    }

    /// `commit.interval.ms` as it applies.
    public var commitIntervalMs: Int64 { commitIntervalMsOverride ?? (processingGuarantee == .exactlyOnceV2 ? 100 : 30000) }
    public var exactlyOnce: Bool { processingGuarantee == .exactlyOnceV2 }
    /// TLS and SASL for the application's clients.
    public var security: ClientSecurity = .plaintext

    /// The settings of one of the application's clients.
    public func clientConfig(clientId: String) throws -> ClientConfig {
        var config = try ClientConfig(bootstrap: bootstrapServers, clientId: clientId)
        config.security = security
        return config
    }

    /// Applies Kafka Streams properties; returns warnings for keys it does not know (and deprecations).
    /// A bad value is one sentence.
    public mutating func apply(_ properties: [String: String]) throws -> [String] {
        var warnings: [String] = []
        // security.protocol, ssl.*, sasl.*: every client of the application uses them, as Kafka Streams passes them on.
        let securityKeys = properties.filter { ClientSecurity.propertyNames.contains($0.key) }
        if !securityKeys.isEmpty { security = try ClientSecurity.parse(securityKeys).security }
        for (key, raw) in properties.sorted(by: { $0.key < $1.key }) where securityKeys[key] == nil {
            let value = raw.trimmingCharacters(in: .whitespaces)
            func number(min: Int64) throws -> Int64 {
                guard let n = Int64(value), n >= min else {
                    throw ClientError.invalidArgument("Streams property \(key) must be a number of at least \(min), not \"\(raw)\".")
                }
                return n
            }
            switch key {
            case "application.id":
                guard !value.isEmpty else { throw ClientError.invalidArgument("application.id must not be empty.") }
                applicationId = value
            case "bootstrap.servers": bootstrapServers = value
            case "client.id": clientId = value
            case "num.stream.threads": numStreamThreads = Int(try number(min: 1))
            case "processing.guarantee":
                switch value {
                case "at_least_once": processingGuarantee = .atLeastOnce
                case "exactly_once_v2": processingGuarantee = .exactlyOnceV2
                case "exactly_once", "exactly_once_beta":
                    // Kafka 3.x accepted these with a warning; 4.0 removed them. Samsa runs them as exactly_once_v2.
                    processingGuarantee = .exactlyOnceV2
                    warnings.append("Configuration parameter `\(value)` is deprecated and will be removed in the 4.0.0 release. Please use `exactly_once_v2` instead.")
                default:
                    throw ClientError.invalidArgument("processing.guarantee must be at_least_once or exactly_once_v2, not \"\(raw)\".")
                }
            case "state.dir":
                guard !value.isEmpty else { throw ClientError.invalidArgument("state.dir must not be empty.") }
                stateDir = value
            case "commit.interval.ms": commitIntervalMsOverride = try number(min: 0)
            case "replication.factor": replicationFactor = Int16(clamping: try number(min: -1))
            case "cache.max.bytes.buffering", "statestore.cache.max.bytes": cacheMaxBytesBuffering = try number(min: 0)
            case "poll.ms": pollMs = try number(min: 0)
            case "max.task.idle.ms": maxTaskIdleMs = try number(min: -1)
            case "default.deserialization.exception.handler", "deserialization.exception.handler":
                guard let handler = DeserializationExceptionHandler(rawValue: value)
                        ?? DeserializationExceptionHandler.allNames[value] else {
                    throw ClientError.invalidArgument("default.deserialization.exception.handler must be LogAndFailExceptionHandler or LogAndContinueExceptionHandler, not \"\(raw)\".")
                }
                deserializationExceptionHandler = handler
            default:
                if key.hasPrefix("consumer.") || key.hasPrefix("main.consumer.") || key.hasPrefix("restore.consumer.") {
                    consumerOverrides[String(key.drop { $0 != "." }.dropFirst())] = raw
                } else if key.hasPrefix("producer.") {
                    producerOverrides[String(key.dropFirst("producer.".count))] = raw
                } else {
                    warnings.append("The configuration '\(key)' was supplied but isn't a known config.")
                }
            }
        }
        try validate()
        return warnings
    }

    /// The checks Kafka makes when an application is created.
    public func validate() throws {
        if applicationId.isEmpty { throw ClientError.invalidArgument("Missing required configuration \"application.id\" which has no default value.") }
        if applicationId.contains(where: { !($0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "-") }) {
            throw ClientError.invalidArgument("application.id \"\(applicationId)\" may contain only ASCII letters, digits, '.', '_' and '-', as topic names do.")
        }
        if numStreamThreads < 1 { throw ClientError.invalidArgument("num.stream.threads must be at least 1.") }
        _ = try BrokerAddress.parseList(bootstrapServers)
    }
}

extension StreamsConfig.DeserializationExceptionHandler {
    /// Short class names accepted too.
    static let allNames: [String: Self] = [
        "LogAndFailExceptionHandler": .logAndFail, "LogAndContinueExceptionHandler": .logAndContinue,
        "logAndFail": .logAndFail, "logAndContinue": .logAndContinue,
    ]
}
