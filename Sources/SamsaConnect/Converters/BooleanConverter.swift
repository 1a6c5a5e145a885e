/// Kafka's `org.apache.kafka.connect.converters.BooleanConverter`: one byte, 0x01 true and 0x00 false
/// (Kafka's BooleanSerializer); the schema must be absent or BOOLEAN.
public struct BooleanConverter: Converter, HeaderConverter {
    public init() {}
    public init(configs: [String: String], isKey: Bool) throws {}

    public func fromConnectData(topic: String, headers: [ConnectHeader] = [], schema: ConnectSchema?, value: ConnectValue) throws -> [UInt8]? {
        if let schema, schema.type != .boolean {
            throw ConnectError.dataException("Invalid schema type for BooleanConverter: \(schema.type.rawValue.uppercased())")
        }
        switch value {
        case .null: return nil
        case .boolean(let b): return [b ? 1 : 0]
        default: throw ConnectError.dataException("BooleanConverter is not compatible with objects of type \(JsonConverter.javaClass(value))")
        }
    }

    public func toConnectData(topic: String, headers: [ConnectHeader] = [], value: [UInt8]?) throws -> SchemaAndValue {
        guard let value else { return SchemaAndValue(schema: .optionalBoolean, value: .null) }
        guard value.count == 1 else {
            throw ConnectError.dataException("Failed to deserialize boolean: Size of data received by BooleanDeserializer is not 1")
        }
        switch value[0] {
        case 1: return SchemaAndValue(schema: .optionalBoolean, value: .boolean(true))
        case 0: return SchemaAndValue(schema: .optionalBoolean, value: .boolean(false))
        default:
            throw ConnectError.dataException("Failed to deserialize boolean: Unexpected byte received by BooleanDeserializer: \(Int8(bitPattern: value[0]))")
        }
    }
}
