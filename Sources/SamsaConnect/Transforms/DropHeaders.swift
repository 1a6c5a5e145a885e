/// Kafka's `DropHeaders`: removes every header whose key is in `headers`.
public final class DropHeaders: Transformation {
    static let definition = ConfigDef([
        .smt("headers", .list, nil, .high, "The name of the headers to be removed.", validator: TransformConfig.nonEmptyList("headers")),
    ])

    private var names: Set<String> = []

    public init() {}

    public var configDef: ConfigDef { Self.definition }

    public func configure(_ configs: [String: String]) throws {
        names = Set(try TransformConfig(Self.definition, configs).list("headers"))
    }

    public func apply(_ record: ConnectRecord) throws -> ConnectRecord? {
        record.newRecord(headers: record.headers.filter { !names.contains($0.key) })
    }
}
