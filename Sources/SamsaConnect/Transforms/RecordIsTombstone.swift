/// Kafka's `RecordIsTombstone` predicate: true when the record's value is null.
public final class RecordIsTombstone: TransformPredicate {
    public init() {}
    public var configDef: ConfigDef { ConfigDef() }
    public func configure(_ configs: [String: String]) throws {}
    public func test(_ record: ConnectRecord) -> Bool { record.value.isNull }
}
