import SamsaEngine
import SamsaProtocol

extension RequestContext {
    /// AddPartitionsToTxn's checks for one transaction, as Kafka: a broker's request (v4+) needs CLUSTER_ACTION
    /// (every partition then answers CLUSTER_AUTHORIZATION_FAILED); a client's, WRITE on the transactional id
    /// (else TRANSACTIONAL_ID_AUTHORIZATION_FAILED everywhere) and on each non-internal topic. If any topic is
    /// refused, the whole transaction fails: refused partitions TOPIC_AUTHORIZATION_FAILED, the rest
    /// OPERATION_NOT_ATTEMPTED. Nil when the transaction may go ahead.
    func refusal(of transactionalId: String, _ partitions: [TopicPartition], version: Int16,
                 brokerMayVerify: Bool) -> [TopicPartition: ErrorCode]? {
        guard checksAcls else { return nil }
        let everywhere = { (code: ErrorCode) in Dictionary(partitions.map { ($0, code) }, uniquingKeysWith: { a, _ in a }) }
        if version >= 4 { return brokerMayVerify ? nil : everywhere(.clusterAuthorizationFailed) }
        if !authorize(.write, .transactionalId, transactionalId) { return everywhere(.transactionalIdAuthorizationFailed) }
        let forbidden = deniedTopics(.write, partitions.lazy.map(\.topic).filter { !Self.isInternal($0) })
        if forbidden.isEmpty { return nil }
        return Dictionary(partitions.map { ($0, forbidden.contains($0.topic) ? .topicAuthorizationFailed : .operationNotAttempted) },
                          uniquingKeysWith: { a, _ in a })
    }

    static func isInternal(_ topic: String) -> Bool { topic == "__consumer_offsets" || topic == "__transaction_state" }
}
