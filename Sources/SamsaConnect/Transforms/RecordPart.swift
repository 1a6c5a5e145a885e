/// Which half of a record a `$Key`/`$Value` transform works on (Kafka's `operatingSchema`/`operatingValue`/`newRecord`).
public enum RecordPart: String, Sendable, Hashable {
    case key = "Key", value = "Value"

    func schema(_ record: ConnectRecord) -> ConnectSchema? {
        self == .key ? record.keySchema : record.valueSchema
    }

    func value(_ record: ConnectRecord) -> ConnectValue {
        self == .key ? record.key : record.value
    }

    /// The record with this half replaced; topic, partition, timestamp, headers and the other half carry over.
    func updating(_ record: ConnectRecord, schema: ConnectSchema?, value: ConnectValue) -> ConnectRecord {
        switch self {
        case .key: record.newRecord(keySchema: .some(schema), key: value)
        case .value: record.newRecord(valueSchema: .some(schema), value: value)
        }
    }
}
