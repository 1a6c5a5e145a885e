/// Kafka's `org.apache.kafka.connect.storage.SimpleHeaderConverter` (the worker's default
/// `header.converter`): values written as text (`Values.convertToString`), text read back with its type
/// inferred as Kafka's `Values.parseString` does (see `HeaderValueParser`).
public struct SimpleHeaderConverter: HeaderConverter {
    public init() {}
    public init(configs: [String: String]) throws {}

    public func fromConnectHeader(topic: String, key: String, schema: ConnectSchema?, value: ConnectValue) throws -> [UInt8]? {
        if value.isNull { return nil }
        return Array(value.valuesString().utf8)
    }

    public func toConnectHeader(topic: String, key: String, value: [UInt8]?) throws -> SchemaAndValue {
        guard let value else { return .null }
        // Kafka falls back to the raw bytes when the text cannot be parsed (here: when it is not UTF-8).
        guard let text = String(validating: value, as: UTF8.self) else { return SchemaAndValue(schema: .bytes, value: .bytes(value)) }
        return HeaderValueParser.parse(text)
    }
}
