import SamsaEngine
import SamsaProtocol

extension RequestDispatcher {
    /// DescribeConfigs for topics (their effective configs) and brokers (server.properties values).
    mutating func registerDescribeConfigs() {
        register(DescribeConfigsRequest.self) { request, context in
            let cluster = context.cluster
            let settings = cluster.config.settings
            let results = request.resources.map { resource -> DescribeConfigsResponse.Result in
                let entries: [ConfigEntry]
                switch resource.resourceType {
                case DescribeConfigsRequest.topicResource:
                    guard let topic = cluster.controller.topic(resource.resourceName) else {
                        return .init(errorCode: .unknownTopicOrPartition, errorMessage: "Topic '\(resource.resourceName)' does not exist.",
                                     resourceType: resource.resourceType, resourceName: resource.resourceName)
                    }
                    entries = settings.topicEntries(overrides: topic.configs)
                case DescribeConfigsRequest.brokerResource:
                    guard resource.resourceName.isEmpty || cluster.brokers.contains(where: { "\($0.id)" == resource.resourceName }) else {
                        return .init(errorCode: .invalidRequest, errorMessage: "There is no broker \(resource.resourceName).",
                                     resourceType: resource.resourceType, resourceName: resource.resourceName)
                    }
                    entries = settings.brokerEntries()
                default:
                    return .init(errorCode: .invalidRequest, errorMessage: "Resource type \(resource.resourceType) has no configs here.",
                                 resourceType: resource.resourceType, resourceName: resource.resourceName)
                }
                let wanted = resource.configurationKeys.map(Set.init)
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
}
