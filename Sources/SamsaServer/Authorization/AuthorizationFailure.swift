import SamsaProtocol

/// Kafka's default messages for the four authorization errors (Errors.java), for responses with a message field.
enum AuthorizationFailure {
    static let topic = "Topic authorization failed."
    static let group = "Group authorization failed."
    static let cluster = "Cluster authorization failed."
    static let transactionalId = "Transactional Id authorization failed."

    static func message(for code: ErrorCode) -> String? {
        switch code {
        case .topicAuthorizationFailed: topic
        case .groupAuthorizationFailed: group
        case .clusterAuthorizationFailed: cluster
        case .transactionalIdAuthorizationFailed: transactionalId
        default: nil
        }
    }
}
