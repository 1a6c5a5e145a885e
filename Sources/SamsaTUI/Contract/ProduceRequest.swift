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

/// How many replicas must have the record before the broker answers.
public enum Acks: Int16, Sendable, Equatable, CaseIterable {
    /// acks=0: the producer does not wait; there is no offset to report.
    case none = 0
    /// acks=1: the leader has written it.
    case leader = 1
    /// acks=all (-1): every in-sync replica has it.
    case all = -1

    public var label: String {
        switch self {
        case .none: "0"
        case .leader: "1"
        case .all: "all"
        }
    }
}

/// Which partition a record goes to.
public enum PartitionChoice: Sendable, Equatable {
    /// Kafka's default for records without a key: stick to one partition per batch.
    case sticky
    /// murmur2 of the key, as Kafka's default partitioner does for keyed records.
    case byKey
    case explicit(Int32)

    public var label: String {
        switch self {
        case .sticky: "sticky"
        case .byKey: "key hash"
        case .explicit(let partition): "partition \(partition)"
        }
    }
}

/// Where a produced record landed. `offset` is -1 when acks=0 (the broker does not answer).
public struct ProduceReceipt: Sendable, Equatable {
    public let partition: Int32
    public let offset: Int64

    public init(partition: Int32, offset: Int64) {
        self.partition = partition
        self.offset = offset
    }
}

/// Where an offset reset moves a group.
public enum OffsetResetTarget: String, Sendable, Equatable, CaseIterable {
    case earliest, latest
}
