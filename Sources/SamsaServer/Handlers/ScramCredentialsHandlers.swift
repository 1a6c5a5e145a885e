import SamsaEngine
import SamsaProtocol

extension RequestDispatcher {
    /// DescribeUserScramCredentials (KIP-554): needs Describe on the cluster, as KafkaApis checks.
    mutating func registerDescribeUserScramCredentials() {
        register(DescribeUserScramCredentialsRequest.self) { request, context in
            guard context.authorize(.describe, .cluster, Authorizer.clusterResourceName) else {
                // As the request's getErrorResponse: the error at the top and on every named user.
                return .now(DescribeUserScramCredentialsResponse(
                    errorCode: .clusterAuthorizationFailed, errorMessage: AuthorizationFailure.cluster,
                    results: (request.users ?? []).map {
                        .init(user: $0, errorCode: .clusterAuthorizationFailed, errorMessage: AuthorizationFailure.cluster)
                    }))
            }
            return .now(DescribeUserScramCredentialsResponse(results: context.cluster.describeScramCredentials(users: request.users)))
        }
    }

    /// AlterUserScramCredentials (KIP-554): needs Alter on the cluster, as ControllerApis checks; the
    /// controller's rules and journaling are the engine's (`Cluster.alterScramCredentials`).
    mutating func registerAlterUserScramCredentials() {
        register(AlterUserScramCredentialsRequest.self) { request, context in
            let users = (request.deletions.map(\.name) + request.upsertions.map(\.name)).uniquedInOrder()
            guard context.authorize(.alter, .cluster, Authorizer.clusterResourceName) else {
                return .now(AlterUserScramCredentialsResponse(results: users.map {
                    .init(user: $0, errorCode: .clusterAuthorizationFailed, errorMessage: AuthorizationFailure.cluster)
                }))
            }
            do {
                return .now(AlterUserScramCredentialsResponse(
                    results: try context.cluster.alterScramCredentials(deletions: request.deletions, upsertions: request.upsertions)))
            } catch {
                let refusal = (error as? EngineError) ?? EngineError(.unknownServerError, "\(error)")
                return .now(AlterUserScramCredentialsResponse(results: users.map {
                    .init(user: $0, errorCode: refusal.code, errorMessage: refusal.message)
                }))
            }
        }
    }
}

extension Array where Element: Hashable {
    /// The elements without repeats, each where it first appears.
    fileprivate func uniquedInOrder() -> [Element] {
        var seen: Set<Element> = []
        return filter { seen.insert($0).inserted }
    }
}
