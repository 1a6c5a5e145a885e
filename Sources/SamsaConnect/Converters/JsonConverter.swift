import Foundation

/// Kafka's `org.apache.kafka.connect.json.JsonConverter`, byte for byte: with `schemas.enable=true` (the
/// default) every key/value is the envelope `{"schema":…,"payload":…}`, otherwise the bare JSON. Also a
/// HeaderConverter, as Kafka's is.
public struct JsonConverter: Converter, HeaderConverter {
    public let config: JsonConverterConfig

    public init(config: JsonConverterConfig) { self.config = config }

    public init(configs: [String: String], isKey: Bool) throws { try self.init(configs: configs) }

    public init(configs: [String: String]) throws { config = try JsonConverterConfig(configs: configs) }

    static let envelopeError = "JsonConverter with schemas.enable requires \"schema\" and \"payload\" fields and may not contain additional fields. If you are trying to deserialize plain JSON data, set schemas.enable=false in your converter configuration."

    public func fromConnectData(topic: String, headers: [ConnectHeader] = [], schema: ConnectSchema?, value: ConnectValue) throws -> [UInt8]? {
        // A null schema and a null value is a tombstone: no bytes, with or without schemas.
        if schema == nil && value.isNull { return nil }
        let json: JSONValue
        if config.schemasEnabled {
            json = ["schema": try asJsonSchema(schema) ?? .null, "payload": try convertToJson(schema, value) ?? .null]
        } else {
            json = try convertToJson(schema, value) ?? .null
        }
        return json.compactBytes
    }

    public func toConnectData(topic: String, headers: [ConnectHeader] = [], value: [UInt8]?) throws -> SchemaAndValue {
        guard let value else { return .null }
        // Jackson reads empty (or blank) input as a missing node, not an error.
        let json: JSONValue?
        if value.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            json = nil
        } else {
            do {
                json = try JSONValue.parse(value, allowLeadingZeros: true)
            } catch {
                throw ConnectError.dataException("Converting byte[] to Kafka Connect data failed due to serialization error: \(error)")
            }
        }
        guard config.schemasEnabled else {
            return SchemaAndValue(schema: nil, value: try convertToConnect(nil, json))
        }
        guard let envelope = json?.objectValue, envelope.count == 2, let schemaJSON = envelope["schema"],
              let payload = envelope["payload"] else {
            throw ConnectError.dataException(Self.envelopeError)
        }
        let schema = try asConnectSchema(schemaJSON)
        return SchemaAndValue(schema: schema, value: try convertToConnect(schema, payload))
    }
}
