import SamsaEngine
import SamsaProtocol

/// The checks Kafka's KafkaApis makes (its AuthHelper), in the shapes handlers need: each name asked once
/// per request, and nothing asked at all when no authorizer is configured (the produce/fetch hot path).
extension RequestContext {
    /// Whether ACLs are enforced on this cluster; ask once per request.
    var checksAcls: Bool { cluster.authorizer.isEnabled }

    /// The names among `names` the principal may NOT do `operation` on (empty without an authorizer).
    func denied<S: Sequence<String>>(_ operation: AclOperation, _ resourceType: AclResourceType, _ names: S) -> Set<String> {
        guard checksAcls else { return [] }
        var allowed: Set<String> = [], denied: Set<String> = []
        for name in names where !allowed.contains(name) && !denied.contains(name) {
            if authorize(operation, resourceType, name) { allowed.insert(name) } else { denied.insert(name) }
        }
        return denied
    }

    /// Topics the principal may NOT do `operation` on.
    func deniedTopics<S: Sequence<String>>(_ operation: AclOperation, _ names: S) -> Set<String> {
        denied(operation, .topic, names)
    }

    /// May the principal do `operation` on the cluster resource (`kafka-cluster`)?
    func authorizeCluster(_ operation: AclOperation) -> Bool {
        authorize(operation, .cluster, Authorizer.clusterResourceName)
    }

    /// Kafka's authorized-operations bit field for one resource: every operation the type supports that
    /// the principal may do (all of them without an authorizer, as Kafka's AuthHelper.authorizedOperations).
    func authorizedOperations(_ resourceType: AclResourceType, _ name: String) -> Int32 {
        let supported = AclOperation.supported(on: resourceType)
        let granted = checksAcls ? supported.filter { authorize($0, resourceType, name) } : supported
        return granted.reduce(Int32(0)) { $0 | (1 << Int32($1.rawValue)) }
    }

    /// The cluster's bit field as Metadata and DescribeCluster answer it: 0 without DESCRIBE on the cluster.
    var clusterAuthorizedOperations: Int32 {
        authorizeCluster(.describe) ? authorizedOperations(.cluster, Authorizer.clusterResourceName) : 0
    }

    /// Idempotent producing (InitProducerId without a transactional id): IDEMPOTENT_WRITE on the cluster, or
    /// WRITE on any topic (Kafka's authorizeByResourceType).
    func authorizeIdempotentWrite() -> Bool {
        guard checksAcls, !authorizeCluster(.idempotentWrite) else { return true }
        return cluster.authorizer.authorizeByResourceType(principal, host: session.clientAddress, operation: .write,
                                                          resourceType: .topic)
    }
}

extension AclOperation {
    /// Kafka's AclEntry.supportedOperations: what each resource type's authorized-operations field can hold.
    static func supported(on resourceType: AclResourceType) -> [AclOperation] {
        switch resourceType {
        case .topic: [.read, .write, .create, .describe, .delete, .alter, .describeConfigs, .alterConfigs]
        case .group: [.read, .describe, .delete, .describeConfigs, .alterConfigs]
        case .cluster: [.create, .clusterAction, .describeConfigs, .alterConfigs, .idempotentWrite, .alter, .describe]
        case .transactionalId: [.describe, .write]
        default: []
        }
    }
}

extension RequestContext {
    /// Auto-creating a topic from Metadata needs CREATE on the cluster or on the topic.
    func mayAutoCreate(_ topic: String) -> Bool {
        authorizeCluster(.create) || authorize(.create, .topic, topic)
    }
}
