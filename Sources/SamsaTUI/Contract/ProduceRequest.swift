/// One record to write from the producer pane.
public struct ProduceRequest: Sendable, Equatable {
    public let topic: String
    public let key: String?
    public let value: String
    public let acks: Acks
    public let partitioning: PartitionChoice

    public init(topic: String, key: String?, value: String, acks: Acks, partitioning: PartitionChoice) {
        self.topic = topic
        self.key = key
        self.value = value
        self.acks = acks
        self.partitioning = partitioning
    }
}
