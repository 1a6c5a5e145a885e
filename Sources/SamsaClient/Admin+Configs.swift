import SamsaProtocol

/// What a config applies to: a topic, a broker (name = its id, or "" for the cluster-wide default) or a
/// broker's loggers, numbered as Kafka's ConfigResource.Type.
public struct ConfigResource: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Int8, Sendable { case topic = 2, broker = 4, brokerLogger = 8 }
    public var kind: Kind
    public var name: String

    public init(_ kind: Kind, _ name: String) {
        self.kind = kind
        self.name = name
    }
    public static func topic(_ name: String) -> ConfigResource { ConfigResource(.topic, name) }
    public static func broker(_ id: Int32?) -> ConfigResource { ConfigResource(.broker, id.map(String.init) ?? "") }

    public var description: String {
        switch kind {
        case .topic: "topic \(name)"
        case .broker: name.isEmpty ? "the default broker config" : "broker \(name)"
        case .brokerLogger: "broker \(name)'s loggers"
        }
    }
}

/// Where a config's value comes from, numbered as DescribeConfigs v1+ reports it.
public enum ConfigSource: Int8, Sendable, Equatable {
    case unknown = 0, dynamicTopic = 1, dynamicBroker = 2, dynamicDefaultBroker = 3, staticBroker = 4,
         defaultConfig = 5, dynamicBrokerLogger = 6

    /// Kafka's names, as kafka-configs prints them.
    public var name: String {
        switch self {
        case .unknown: "UNKNOWN"
        case .dynamicTopic: "DYNAMIC_TOPIC_CONFIG"
        case .dynamicBroker: "DYNAMIC_BROKER_CONFIG"
        case .dynamicDefaultBroker: "DYNAMIC_DEFAULT_BROKER_CONFIG"
        case .staticBroker: "STATIC_BROKER_CONFIG"
        case .defaultConfig: "DEFAULT_CONFIG"
        case .dynamicBrokerLogger: "DYNAMIC_BROKER_LOGGER_CONFIG"
        }
    }
}

/// One config as DescribeConfigs describes it.
public struct ConfigEntryDescription: Sendable, Equatable {
    public struct Synonym: Sendable, Equatable {
        public var name: String
        public var value: String?
        public var source: ConfigSource
        public init(name: String, value: String?, source: ConfigSource) {
            self.name = name
            self.value = value
            self.source = source
        }
    }
    public var name: String
    /// Nil for sensitive configs and for configs without a value.
    public var value: String?
    public var source: ConfigSource
    public var isReadOnly: Bool
    public var isSensitive: Bool
    /// The value and every lower-precedence one, highest first (Kafka's order), when asked for.
    public var synonyms: [Synonym]
    public var documentation: String?

    public init(name: String, value: String?, source: ConfigSource, isReadOnly: Bool = false,
                isSensitive: Bool = false, synonyms: [Synonym] = [], documentation: String? = nil) {
        self.name = name
        self.value = value
        self.source = source
        self.isReadOnly = isReadOnly
        self.isSensitive = isSensitive
        self.synonyms = synonyms
        self.documentation = documentation
    }

    public var isDefault: Bool { source == .defaultConfig }
}

/// One change IncrementalAlterConfigs makes (Kafka's AlterConfigOp.OpType: SET 0, DELETE 1, APPEND 2,
/// SUBTRACT 3; APPEND and SUBTRACT apply to list configs such as cleanup.policy).
public enum AlterConfigOp: Sendable, Equatable {
    case set(String, String)
    case delete(String)
    case append(String, String)
    case subtract(String, String)
}

// CONTRACT (issue 13): the configs helper replaces these bodies with the wire calls (DescribeConfigs v1+ with
// synonyms, IncrementalAlterConfigs 44, AlterConfigs 33), retrying on the controller like createTopic.
extension Admin {
    /// Every config of `resource` with its source (and synonyms when asked), in Kafka's order.
    public func describeConfigs(_ resource: ConfigResource, includeSynonyms: Bool = true,
                                includeDocumentation: Bool = false) async throws -> [ConfigEntryDescription] {
        throw ClientError.unsupportedAPI("DescribeConfigs with sources (contract placeholder)")
    }

    /// Applies `ops` to `resource` (IncrementalAlterConfigs); a bad key or value throws INVALID_CONFIG with the
    /// broker's sentence.
    public func incrementalAlterConfigs(_ resource: ConfigResource, _ ops: [AlterConfigOp],
                                        validateOnly: Bool = false) async throws {
        throw ClientError.unsupportedAPI("IncrementalAlterConfigs (contract placeholder)")
    }

    /// Replaces every dynamic config of `resource` with `configs` (the older AlterConfigs: keys left out revert
    /// to their defaults).
    public func alterConfigs(_ resource: ConfigResource, _ configs: [String: String], validateOnly: Bool = false) async throws {
        throw ClientError.unsupportedAPI("AlterConfigs (contract placeholder)")
    }
}
