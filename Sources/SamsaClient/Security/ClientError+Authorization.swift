import SamsaProtocol

extension ClientError {
    /// An ACL refusal as one sentence naming the operation and the resource ("Not authorized to Write to topic
    /// payments."); nil when `code` is not an authorization error. Authorization errors are never retriable.
    public static func authorization(_ code: ErrorCode, _ operation: String, topic: String? = nil, group: String? = nil,
                                     transactionalId: String? = nil) -> ClientError? {
        let verb = operation == "Write" ? "Write to" : operation
        let resource: String
        switch code {
        case .topicAuthorizationFailed: resource = topic.map { "topic \($0)" } ?? "the topic"
        case .groupAuthorizationFailed: resource = group.map { "group \($0)" } ?? "the group"
        case .transactionalIdAuthorizationFailed: resource = transactionalId.map { "transactional id \($0)" } ?? "the transactional id"
        case .clusterAuthorizationFailed: resource = "the cluster"
        default: return nil
        }
        return .notAuthorized(code, "Not authorized to \(verb) \(resource).")
    }
}
