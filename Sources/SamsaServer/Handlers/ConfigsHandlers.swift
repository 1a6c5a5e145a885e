import SamsaEngine
import SamsaProtocol

extension RequestDispatcher {
    /// DescribeConfigs for topics (as the receiving broker resolves them) and brokers (an id, or "" for the
    /// cluster default), with Kafka's sources and synonyms.
    mutating func registerDescribeConfigs() {
        register(DescribeConfigsRequest.self) { request, context in
            let cluster = context.cluster
            let results = request.resources.map { resource -> DescribeConfigsResponse.Result in
                let entries: [ConfigEntry]
                do {
                    try context.authorizeConfigs(.describeConfigs, resource.resourceType, resource.resourceName)
                    switch resource.resourceType {
                    case DescribeConfigsRequest.topicResource:
                        entries = try cluster.topicConfigEntries(resource.resourceName, brokerId: context.broker.id)
                    case DescribeConfigsRequest.brokerResource:
                        entries = try cluster.brokerConfigEntries(resource.resourceName)
                    default:
                        throw EngineError(.invalidRequest, "Resource type \(resource.resourceType) has no configs here.")
                    }
                } catch {
                    let refusal = Self.refusal(error)
                    return .init(errorCode: refusal.code, errorMessage: refusal.message,
                                 resourceType: resource.resourceType, resourceName: resource.resourceName)
                }
                // Null or empty asks for every key, as Kafka reads it (kafka-python sends an empty list).
                let wanted = resource.configurationKeys.flatMap { $0.isEmpty ? nil : Set($0) }
                let configs = entries.filter { wanted?.contains($0.name) ?? true }.map { entry in
                    DescribeConfigsResponse.Config(
                        name: entry.name, value: entry.value, readOnly: entry.readOnly, configSource: entry.source.rawValue,
                        isSensitive: false,
                        synonyms: request.includeSynonyms ? entry.synonyms.map { .init(name: $0.name, value: $0.value, source: $0.source.rawValue) } : [],
                        configType: entry.kind.describeCode,
                        documentation: request.includeDocumentation ? entry.documentation : nil)
                }
                return .init(resourceType: resource.resourceType, resourceName: resource.resourceName, configs: configs)
            }
            return .now(DescribeConfigsResponse(results: results))
        }
    }

    /// IncrementalAlterConfigs (KIP-339): SET, DELETE, APPEND, SUBTRACT per key, each resource on its own.
    mutating func registerIncrementalAlterConfigs() {
        register(IncrementalAlterConfigsRequest.self) { request, context in
            .now(IncrementalAlterConfigsResponse(responses: request.resources.map { resource in
                Self.alter(resource.resourceType, resource.resourceName) {
                    try context.authorizeConfigs(.alterConfigs, resource.resourceType, resource.resourceName)
                    let alterations = try resource.configs.map { config -> ConfigAlteration in
                        if config.operation == IncrementalAlterConfigsRequest.delete { return .delete(config.name) }
                        guard let value = config.value else {
                            throw EngineError(.invalidRequest, "Null value not supported for : \(config.name).")
                        }
                        switch config.operation {
                        case IncrementalAlterConfigsRequest.set: return .set(config.name, value)
                        case IncrementalAlterConfigsRequest.append: return .append(config.name, value)
                        case IncrementalAlterConfigsRequest.subtract: return .subtract(config.name, value)
                        default: throw EngineError(.invalidRequest, "Unknown operations type \(config.operation) for \(config.name).")
                        }
                    }
                    if resource.resourceType == DescribeConfigsRequest.topicResource {
                        try context.cluster.alterTopicConfigs(resource.resourceName, alterations, validateOnly: request.validateOnly)
                    } else {
                        try TLSKeystoreReload.alterBroker(resource.resourceName, alterations, cluster: context.cluster,
                                                          validateOnly: request.validateOnly)
                    }
                }
            }))
        }
    }

    /// AlterConfigs: replaces each resource's dynamic configs (keys left out revert to their defaults).
    mutating func registerAlterConfigs() {
        register(AlterConfigsRequest.self) { request, context in
            .now(AlterConfigsResponse(responses: request.resources.map { resource in
                Self.alter(resource.resourceType, resource.resourceName) {
                    try context.authorizeConfigs(.alterConfigs, resource.resourceType, resource.resourceName)
                    var configs: [String: String] = [:]
                    for config in resource.configs {
                        guard let value = config.value else {
                            throw EngineError(.invalidRequest, "Null value not supported for : \(config.name).")
                        }
                        if configs.updateValue(value, forKey: config.name) != nil {
                            throw EngineError(.invalidRequest, "Error due to duplicate config keys: \(config.name) appears more than once.")
                        }
                    }
                    if resource.resourceType == DescribeConfigsRequest.topicResource {
                        try context.cluster.replaceTopicConfigs(resource.resourceName, configs, validateOnly: request.validateOnly)
                    } else {
                        try TLSKeystoreReload.replaceBroker(resource.resourceName, configs, cluster: context.cluster,
                                                            validateOnly: request.validateOnly)
                    }
                }
            }))
        }
    }

    /// Runs one resource's change; a topic or broker resource only, any refusal as its code and sentence.
    private static func alter(_ type: Int8, _ name: String, _ change: () throws -> Void) -> AlterConfigsResourceResponse {
        do {
            guard type == DescribeConfigsRequest.topicResource || type == DescribeConfigsRequest.brokerResource else {
                throw EngineError(.invalidRequest, "Resource type \(type) has no configs that can be altered here.")
            }
            try change()
            return .init(resourceType: type, resourceName: name)
        } catch {
            let refusal = refusal(error)
            return .init(errorCode: refusal.code, errorMessage: refusal.message, resourceType: type, resourceName: name)
        }
    }

    private static func refusal(_ error: any Error) -> EngineError {
        (error as? EngineError) ?? EngineError(.unknownServerError, "\(error)")
    }
}
