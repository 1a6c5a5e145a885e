@testable import SamsaConnect

/// Records and configured transforms for the SMT tests.
enum TransformFixtures {
    static func sourceRecord(topic: String = "test", partition: Int32? = 0, keySchema: ConnectSchema? = nil, key: ConnectValue = .null,
                             valueSchema: ConnectSchema?, value: ConnectValue, timestamp: Int64? = nil,
                             headers: [ConnectHeader] = []) -> ConnectRecord {
        ConnectRecord(sourcePartition: nil, sourceOffset: nil, topic: topic, kafkaPartition: partition, keySchema: keySchema,
                      key: key, valueSchema: valueSchema, value: value, timestamp: timestamp, headers: headers)
    }

    static func sinkRecord(topic: String = "test", partition: Int32 = 0, keySchema: ConnectSchema? = nil, key: ConnectValue = .null,
                           valueSchema: ConnectSchema?, value: ConnectValue, offset: Int64 = 42, timestamp: Int64? = nil) -> ConnectRecord {
        ConnectRecord(topic: topic, kafkaPartition: partition, keySchema: keySchema, key: key, valueSchema: valueSchema,
                      value: value, kafkaOffset: offset, timestamp: timestamp, timestampType: .createTime)
    }

    static func map(_ pairs: KeyValuePairs<String, ConnectValue>) -> ConnectValue {
        .map(pairs.map { .init(key: .string($0.key), value: $0.value) })
    }

    static func configured<T: Transformation>(_ t: T, _ configs: [String: String]) throws -> T {
        try t.configure(configs)
        return t
    }

    /// The message a throwing call fails with.
    static func message(_ body: () throws -> Void) -> String? {
        do { try body() } catch let e as ConnectError { return e.message } catch { return "\(error)" }
        return nil
    }
}

extension ConnectValue {
    /// A map value's entry by string key (test convenience).
    subscript(_ name: String) -> ConnectValue? {
        switch self {
        case .map(let entries): entries.first { $0.key == .string(name) }?.value
        case .structure(let s): s[name]
        default: nil
        }
    }
}
