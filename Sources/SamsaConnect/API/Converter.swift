import SamsaProtocol

/// Kafka's `Converter`: Connect data to the bytes of a Kafka record key or value, and back. Configured once
/// with the worker's or connector's `key.converter.*` / `value.converter.*` settings (prefix stripped).
public protocol Converter: Sendable {
    /// `isKey` tells a key converter from a value converter (JsonConverter's settings are the same for both).
    init(configs: [String: String], isKey: Bool) throws
    /// The bytes to store; nil for a Kafka null (tombstone).
    func fromConnectData(topic: String, headers: [ConnectHeader], schema: ConnectSchema?, value: ConnectValue) throws -> [UInt8]?
    /// Connect data from stored bytes (nil bytes → `SchemaAndValue.null` or the schema's null form).
    func toConnectData(topic: String, headers: [ConnectHeader], value: [UInt8]?) throws -> SchemaAndValue
}

/// Kafka's `HeaderConverter` (the worker's `header.converter`, SimpleHeaderConverter by default).
public protocol HeaderConverter: Sendable {
    init(configs: [String: String]) throws
    func fromConnectHeader(topic: String, key: String, schema: ConnectSchema?, value: ConnectValue) throws -> [UInt8]?
    func toConnectHeader(topic: String, key: String, value: [UInt8]?) throws -> SchemaAndValue
}
