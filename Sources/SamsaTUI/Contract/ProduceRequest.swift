/// One record to write from the producer pane.
public struct ProduceRequest: Sendable, Equatable {
    public let topic: String
    public let key: String?
    public let value: String
    public let acks: Acks
    public let partitioning: PartitionChoice
    /// Sends it inside the open transaction of the workbench's producer with this transactional id
    /// (acks is then all, as transactions require); nil sends it outside any transaction.
    public let transactionalId: String?

    public init(topic: String, key: String?, value: String, acks: Acks, partitioning: PartitionChoice,
                transactionalId: String? = nil) {
        self.topic = topic
        self.key = key
        self.value = value
        self.acks = acks
        self.partitioning = partitioning
        self.transactionalId = transactionalId
    }
}
