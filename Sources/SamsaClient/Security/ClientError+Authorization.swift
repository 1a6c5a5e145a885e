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

extension ClientError {
    /// A coordinator's refusal of a transactional request (InitProducerId, AddPartitionsToTxn, AddOffsetsToTxn,
    /// EndTxn, TxnOffsetCommit) for `key`: authorization errors as one sentence naming the transactional id, the
    /// group or the cluster's IdempotentWrite (what Kafka checks for InitProducerId without a transactional id).
    public static func coordinatorRefusal(_ code: ErrorCode, key: String, keyType: Int8) -> ClientError {
        switch code {
        case .transactionalIdAuthorizationFailed:
            return .notAuthorized(code, "Not authorized to use transactional id '\(key)' (\(code.name)).")
        case .clusterAuthorizationFailed:
            return .notAuthorized(code, "Not authorized to IdempotentWrite on the cluster (\(code.name)).")
        case .groupAuthorizationFailed where keyType == FindCoordinatorRequest.groupKeyType:
            return .notAuthorized(code, "Not authorized to Read group '\(key)' (\(code.name)).")
        default:
            return .broker(code, "The coordinator of '\(key)' refused the request.")
        }
    }
}
