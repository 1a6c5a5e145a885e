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

// Config calls as Kafka's AdminClient routes them: topic resources and the cluster default to the controller
// (any broker answers in Samsa), a broker's own configs to that broker.
extension Admin {
    /// Every config of `resource` with its source (and synonyms when asked), in Kafka's order.
    public func describeConfigs(_ resource: ConfigResource, includeSynonyms: Bool = true,
                                includeDocumentation: Bool = false) async throws -> [ConfigEntryDescription] {
        let request = DescribeConfigsRequest(resources: [.init(resourceType: resource.kind.rawValue, resourceName: resource.name)],
                                             includeSynonyms: includeSynonyms, includeDocumentation: includeDocumentation)
        let response = try await retrying(topics: []) { try await connection(for: resource).send(request) }
        guard let result = response.results.first else {
            throw ClientError.broker(.unknownServerError, "The broker answered DescribeConfigs for \(resource) with no result.")
        }
        if result.errorCode != .none {
            throw ClientError.broker(result.errorCode, result.errorMessage ?? "Describing the configs of \(resource) failed.")
        }
        return result.configs.map { config in
            ConfigEntryDescription(
                name: config.name, value: config.value, source: ConfigSource(rawValue: config.configSource) ?? .unknown,
                isReadOnly: config.readOnly, isSensitive: config.isSensitive,
                synonyms: config.synonyms.map { .init(name: $0.name, value: $0.value, source: ConfigSource(rawValue: $0.source) ?? .unknown) },
                documentation: config.documentation)
        }
    }

    /// Applies `ops` to `resource` (IncrementalAlterConfigs); a bad key or value throws INVALID_CONFIG with the
    /// broker's sentence.
    public func incrementalAlterConfigs(_ resource: ConfigResource, _ ops: [AlterConfigOp],
                                        validateOnly: Bool = false) async throws {
        let configs = ops.map { op -> IncrementalAlterConfigsRequest.Config in
            switch op {
            case .set(let name, let value): .init(name: name, operation: IncrementalAlterConfigsRequest.set, value: value)
            case .delete(let name): .init(name: name, operation: IncrementalAlterConfigsRequest.delete, value: nil)
            case .append(let name, let value): .init(name: name, operation: IncrementalAlterConfigsRequest.append, value: value)
            case .subtract(let name, let value): .init(name: name, operation: IncrementalAlterConfigsRequest.subtract, value: value)
            }
        }
        let request = IncrementalAlterConfigsRequest(
            resources: [.init(resourceType: resource.kind.rawValue, resourceName: resource.name, configs: configs)],
            validateOnly: validateOnly)
        let response = try await retrying(topics: []) { try await connection(for: resource).send(request) }
        try check(response.responses.first, resource)
    }

    /// Replaces every dynamic config of `resource` with `configs` (the older AlterConfigs: keys left out revert
    /// to their defaults).
    public func alterConfigs(_ resource: ConfigResource, _ configs: [String: String], validateOnly: Bool = false) async throws {
        let request = AlterConfigsRequest(
            resources: [.init(resourceType: resource.kind.rawValue, resourceName: resource.name,
                              configs: configs.sorted { $0.key < $1.key }.map { .init(name: $0.key, value: $0.value) })],
            validateOnly: validateOnly)
        let response = try await retrying(topics: []) { try await connection(for: resource).send(request) }
        try check(response.responses.first, resource)
    }

    /// A broker's own configs go to that broker, as Kafka's AdminClient sends them; the rest to the controller.
    private func connection(for resource: ConfigResource) async throws -> BrokerConnection {
        if resource.kind != .topic, let id = Int32(resource.name) {
            if client.cluster.brokers[id] == nil { try await client.refreshMetadata(topics: []) }  // a fresh client knows no broker yet
            return try await client.connection(to: id)
        }
        return try await controllerConnection()
    }

    private func check(_ result: AlterConfigsResourceResponse?, _ resource: ConfigResource) throws {
        guard let result else {
            throw ClientError.broker(.unknownServerError, "The broker answered for \(resource) with no result.")
        }
        if result.errorCode != .none {
            throw ClientError.broker(result.errorCode, result.errorMessage ?? "Changing the configs of \(resource) failed.")
        }
    }
}
