/// Kafka's `Filter`: drops every record. Used with a predicate (`transforms.<a>.predicate`) to drop only the
/// records that match it (or, with `negate=true`, those that do not).
public final class Filter: Transformation {
    public init() {}
    public var configDef: ConfigDef { ConfigDef() }
    public func configure(_ configs: [String: String]) throws {}
    public func apply(_ record: ConnectRecord) throws -> ConnectRecord? { nil }
}
