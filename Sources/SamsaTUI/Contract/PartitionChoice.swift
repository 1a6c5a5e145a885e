/// Which partition a record goes to.
public enum PartitionChoice: Sendable, Equatable {
    /// Kafka's default for records without a key: stick to one partition per batch.
    case sticky
    /// murmur2 of the key, as Kafka's default partitioner does for keyed records; a record without a key
    /// falls back to sticky, as it does in Kafka.
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
