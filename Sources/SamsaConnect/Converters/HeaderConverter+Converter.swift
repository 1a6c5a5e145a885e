/// Kafka's converters that are also header converters (JsonConverter, StringConverter, ByteArrayConverter,
/// the number converters) treat a header value exactly like a record value, and configure the same way.
extension HeaderConverter where Self: Converter {
    public init(configs: [String: String]) throws { try self.init(configs: configs, isKey: false) }

    public func fromConnectHeader(topic: String, key: String, schema: ConnectSchema?, value: ConnectValue) throws -> [UInt8]? {
        try fromConnectData(topic: topic, headers: [], schema: schema, value: value)
    }

    public func toConnectHeader(topic: String, key: String, value: [UInt8]?) throws -> SchemaAndValue {
        try toConnectData(topic: topic, headers: [], value: value)
    }
}
