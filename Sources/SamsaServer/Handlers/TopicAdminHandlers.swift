import SamsaEngine
import SamsaProtocol

extension RequestDispatcher {
    /// CreateTopics: each topic created (or validated) independently; errors carry a readable message.
    mutating func registerCreateTopics() {
        register(CreateTopicsRequest.self) { request, context in
            let cluster = context.cluster
            var seen: [String: Int] = [:]
            for topic in request.topics { seen[topic.name, default: 0] += 1 }
            // As Kafka: CREATE on the cluster, or else on each topic; its configs shown only with DESCRIBE_CONFIGS.
            let mayCreateAll = !context.checksAcls || context.authorizeCluster(.create)
            let uncreatable = mayCreateAll ? [] : context.deniedTopics(.create, seen.keys)
            let hiddenConfigs = context.deniedTopics(.describeConfigs, seen.keys)
            let results = request.topics.map { topic -> CreateTopicsResponse.Result in
                if seen[topic.name, default: 0] > 1 {
                    return .init(name: topic.name, errorCode: .invalidRequest, errorMessage: "Topic '\(topic.name)' appears more than once.")
                }
                if uncreatable.contains(topic.name) {
                    return .init(name: topic.name, errorCode: .topicAuthorizationFailed, errorMessage: "Authorization failed.")
                }
                var configs: [String: String] = [:]
                for config in topic.configs { if let value = config.value { configs[config.name] = value } }
                let assignment = topic.assignments.isEmpty ? nil
                    : topic.assignments.sorted { $0.partitionIndex < $1.partitionIndex }.map(\.brokerIds)
                do {
                    let created = try cluster.createTopic(
                        name: topic.name, partitions: Int(topic.numPartitions), replicationFactor: Int(topic.replicationFactor),
                        assignment: assignment, configs: configs, validateOnly: request.validateOnly)
                    if hiddenConfigs.contains(created.name) {
                        return .init(name: created.name, topicId: created.id, topicConfigErrorCode: .topicAuthorizationFailed,
                                     numPartitions: Int32(created.partitions.count), replicationFactor: Int16(created.replicationFactor))
                    }
                    let entries = cluster.settings(for: context.broker.id).topicEntries(overrides: created.configs)
                    return .init(name: created.name, topicId: created.id, numPartitions: Int32(created.partitions.count),
                                 replicationFactor: Int16(created.replicationFactor),
                                 configs: entries.map { .init(name: $0.name, value: $0.value, readOnly: false,
                                                              configSource: $0.source.rawValue) })
                } catch let error as EngineError {
                    return .init(name: topic.name, errorCode: error.code, errorMessage: error.message)
                } catch {
                    return .init(name: topic.name, errorCode: .unknownServerError, errorMessage: "\(error)")
                }
            }
            return .now(CreateTopicsResponse(topics: results))
        }
    }

    /// DeleteTopics: by name, or by id from v6.
    mutating func registerDeleteTopics() {
        register(DeleteTopicsRequest.self) { request, context in
            let cluster = context.cluster
            let checks = context.checksAcls
            let results = request.topics.map { topic -> DeleteTopicsResponse.Result in
                let name = topic.name ?? cluster.controller.topic(id: topic.topicId)?.name
                guard let name else {
                    return .init(name: nil, topicId: topic.topicId, errorCode: .unknownTopicId,
                                 errorMessage: "No topic has id \(topic.topicId).")
                }
                // As Kafka: without DESCRIBE the topic's existence is not disclosed; with it but without DELETE, refused.
                if checks, !context.authorize(.describe, .topic, name) {
                    return .init(name: topic.name, topicId: topic.name == nil ? topic.topicId : .zero, errorCode: .topicAuthorizationFailed)
                }
                let id = cluster.controller.topic(name)?.id ?? .zero
                if checks, id != .zero || topic.name == nil, !context.authorize(.delete, .topic, name) {
                    return .init(name: name, topicId: id, errorCode: .topicAuthorizationFailed)
                }
                do {
                    try cluster.deleteTopic(name)
                    return .init(name: name, topicId: id)
                } catch let error as EngineError {
                    return .init(name: name, topicId: id, errorCode: error.code, errorMessage: error.message)
                } catch {
                    return .init(name: name, topicId: id, errorCode: .unknownServerError, errorMessage: "\(error)")
                }
            }
            return .now(DeleteTopicsResponse(responses: results))
        }
    }
}

extension RequestDispatcher {
    /// CreatePartitions: grows topics; new replicas are placed as at creation.
    mutating func registerCreatePartitions() {
        register(CreatePartitionsRequest.self) { request, context in
            .now(CreatePartitionsResponse(results: request.topics.map { topic in
                if topic.assignments != nil {
                    return .init(name: topic.name, errorCode: .invalidReplicaAssignment,
                                 errorMessage: "Samsa places new replicas itself; leave the assignment out.")
                }
                if !context.authorize(.alter, .topic, topic.name) {
                    return .init(name: topic.name, errorCode: .topicAuthorizationFailed, errorMessage: "The topic authorization is failed.")
                }
                do {
                    try context.cluster.addPartitions(topic.name, total: Int(topic.count), validateOnly: request.validateOnly)
                    return .init(name: topic.name)
                } catch let error as EngineError {
                    return .init(name: topic.name, errorCode: error.code, errorMessage: error.message)
                } catch {
                    return .init(name: topic.name, errorCode: .unknownServerError, errorMessage: "\(error)")
                }
            }))
        }
    }
}
