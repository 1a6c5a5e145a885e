import SamsaProtocol

/// A record read from or piped into a test topic (Kafka's `TestRecord`); nil key or value is null.
public struct TestRecord<K, V> {
    public var key: K?
    public var value: V?
    public var timestamp: Int64
    public var headers: [RecordHeader]

    public init(key: K?, value: V?, timestamp: Int64, headers: [RecordHeader] = []) {
        self.key = key
        self.value = value
        self.timestamp = timestamp
        self.headers = headers
    }
}

extension TestRecord: Equatable where K: Equatable, V: Equatable {
    public static func == (a: TestRecord, b: TestRecord) -> Bool {
        a.key == b.key && a.value == b.value && a.timestamp == b.timestamp && a.headers == b.headers
    }
}

/// A key and value (Kafka's `KeyValue`); nil is null.
public struct KeyValue<K, V> {
    public var key: K?
    public var value: V?
    public init(_ key: K?, _ value: V?) {
        self.key = key
        self.value = value
    }
}

extension KeyValue: Equatable where K: Equatable, V: Equatable {}
extension KeyValue: CustomStringConvertible {
    public var description: String { "KeyValue(\(key.map { "\($0)" } ?? "null"), \(value.map { "\($0)" } ?? "null"))" }
}
