/// Kafka's `org.apache.kafka.connect.converters.ByteArrayConverter`: bytes pass through unchanged; the schema
/// must be absent or BYTES and the value bytes, with Kafka's DataException sentences otherwise.
public struct ByteArrayConverter: Converter, HeaderConverter {
    public init() {}
    public init(configs: [String: String], isKey: Bool) throws {}

    public func fromConnectData(topic: String, headers: [ConnectHeader] = [], schema: ConnectSchema?, value: ConnectValue) throws -> [UInt8]? {
        if let schema, schema.type != .bytes {
            throw ConnectError.dataException("Invalid schema type for ByteArrayConverter: \(schema.type.rawValue.uppercased())")
        }
        switch value {
        case .null: return nil
        case .bytes(let bytes): return bytes
        default:
            throw ConnectError.dataException("ByteArrayConverter is not compatible with objects of type \(JsonConverter.javaClass(value))")
        }
    }

    public func toConnectData(topic: String, headers: [ConnectHeader] = [], value: [UInt8]?) throws -> SchemaAndValue {
        SchemaAndValue(schema: .optionalBytes, value: value.map(ConnectValue.bytes) ?? .null)
    }
}
