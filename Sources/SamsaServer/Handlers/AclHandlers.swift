import SamsaEngine
import SamsaProtocol

/// CreateAcls, DescribeAcls and DeleteAcls as Kafka's AclApis: SECURITY_DISABLED without an authorizer;
/// Alter on the cluster to create or delete, Describe on the cluster to describe, else
/// CLUSTER_AUTHORIZATION_FAILED; the ACLs themselves live in the controller's metadata (Cluster+Acls).
extension RequestDispatcher {
    static let noAuthorizer = "No Authorizer is configured."

    mutating func registerAclApis() {
        register(CreateAclsRequest.self) { request, context in
            let refusal = Self.aclRefusal(context, .alter, message: Self.noAuthorizer)
            if let refusal {
                return .now(CreateAclsResponse(results: request.creations.map { _ in
                    .init(errorCode: refusal.code, errorMessage: refusal.message)
                }))
            }
            let outcomes = context.cluster.createAcls(request.creations)
            return .now(CreateAclsResponse(results: outcomes.map { error in
                error.map { .init(errorCode: $0.code, errorMessage: $0.message) } ?? .init()
            }))
        }
        register(DescribeAclsRequest.self) { request, context in
            // Kafka words this one refusal differently from the other two.
            if let refusal = Self.aclRefusal(context, .describe, message: "No Authorizer is configured on the broker") {
                return .now(DescribeAclsResponse(errorCode: refusal.code, errorMessage: refusal.message))
            }
            switch context.cluster.describeAcls(request.filter) {
            case .success(let acls): return .now(DescribeAclsResponse(bindings: acls))
            case .failure(let error): return .now(DescribeAclsResponse(errorCode: error.code, errorMessage: error.message))
            }
        }
        register(DeleteAclsRequest.self) { request, context in
            if let refusal = Self.aclRefusal(context, .alter, message: Self.noAuthorizer) {
                return .now(DeleteAclsResponse(filterResults: request.filters.map { _ in
                    .init(errorCode: refusal.code, errorMessage: refusal.message)
                }))
            }
            let outcomes = context.cluster.deleteAcls(request.filters)
            return .now(DeleteAclsResponse(filterResults: outcomes.map { outcome in
                switch outcome {
                case .success(let acls): .init(matchingAcls: acls.map { .init(acl: $0) })
                case .failure(let error): .init(errorCode: error.code, errorMessage: error.message)
                }
            }))
        }
    }

    /// SECURITY_DISABLED without an authorizer, CLUSTER_AUTHORIZATION_FAILED without `operation` on the cluster.
    static func aclRefusal(_ context: RequestContext, _ operation: AclOperation, message: String) -> EngineError? {
        guard context.cluster.authorizer.isEnabled else { return EngineError(.securityDisabled, message) }
        guard context.authorize(operation, .cluster, Authorizer.clusterResourceName) else {
            return EngineError(.clusterAuthorizationFailed, AuthorizationFailure.cluster)
        }
        return nil
    }
}
