import SamsaEngine
import SamsaProtocol

extension RequestContext {
    /// AddPartitionsToTxn's checks for one client transaction (v0–3), as Kafka's KafkaApis: WRITE on the
    /// transactional id (else TRANSACTIONAL_ID_AUTHORIZATION_FAILED everywhere) and on each topic; an internal
    /// topic is never authorized (a client may not add `__consumer_offsets` directly, even without ACLs). If
    /// any topic is refused, the whole transaction fails: refused partitions TOPIC_AUTHORIZATION_FAILED, the
    /// rest OPERATION_NOT_ATTEMPTED. Nil when the transaction may go ahead. (A broker's v4+ request is checked
    /// once, for CLUSTER_ACTION, by the handler.)
    func refusal(of transactionalId: String, _ partitions: [TopicPartition]) -> [TopicPartition: ErrorCode]? {
        if !authorize(.write, .transactionalId, transactionalId) { return partitions.errors(.transactionalIdAuthorizationFailed) }
        var forbidden = Set(partitions.lazy.map(\.topic).filter(TopicName.isInternal))
        forbidden.formUnion(deniedTopics(.write, partitions.lazy.map(\.topic).filter { !TopicName.isInternal($0) }))
        if forbidden.isEmpty { return nil }
        return Dictionary(partitions.map { ($0, forbidden.contains($0.topic) ? .topicAuthorizationFailed : .operationNotAttempted) },
                          uniquingKeysWith: { a, _ in a })
    }
}

extension Sequence<TopicPartition> {
    /// The same error for every partition (a partition named twice keeps one entry).
    func errors(_ code: ErrorCode) -> [TopicPartition: ErrorCode] {
        Dictionary(map { ($0, code) }, uniquingKeysWith: { a, _ in a })
    }
}
