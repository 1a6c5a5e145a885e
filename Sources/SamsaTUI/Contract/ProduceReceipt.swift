/// Where a produced record landed. `offset` is -1 when acks=0 (the broker does not answer).
public struct ProduceReceipt: Sendable, Equatable {
    public let partition: Int32
    public let offset: Int64

    public init(partition: Int32, offset: Int64) {
        self.partition = partition
        self.offset = offset
    }
}
