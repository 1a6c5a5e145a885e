import SamsaEngine
import SamsaProtocol

extension RequestContext {
    /// DESCRIBE_CONFIGS / ALTER_CONFIGS on a topic (the topic) or a broker (the cluster), as Kafka's
    /// configsAuthorizationApiError answers a refusal: TOPIC_ or CLUSTER_AUTHORIZATION_FAILED with Kafka's sentence.
    func authorizeConfigs(_ operation: AclOperation, _ resourceType: Int8, _ name: String) throws(EngineError) {
        guard checksAcls else { return }
        switch resourceType {
        case DescribeConfigsRequest.topicResource:
            if !authorize(operation, .topic, name) { throw EngineError(.topicAuthorizationFailed, AuthorizationFailure.topic) }
        case DescribeConfigsRequest.brokerResource:
            if !authorizeCluster(operation) { throw EngineError(.clusterAuthorizationFailed, AuthorizationFailure.cluster) }
        default:
            return
        }
    }
}
