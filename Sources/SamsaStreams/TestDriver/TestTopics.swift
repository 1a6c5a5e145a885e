import SamsaProtocol

/// Pipes typed records into a topic of a `TopologyTestDriver` (Kafka's `TestInputTopic`).
public struct TestInputTopic<K, V> {
    let driver: TopologyTestDriver
    public let topic: String
    let keySerde: Serde<K>
    let valueSerde: Serde<V>

    /// Pipes one record; without a timestamp it takes the driver's wall-clock time.
    public func pipe(_ key: K?, _ value: V?, timestamp: Int64? = nil, headers: [RecordHeader] = []) throws {
        try driver.pipeInput(topic: topic, key: try key.map(keySerde.serialize), value: try value.map(valueSerde.serialize),
                             timestamp: timestamp ?? driver.wallClockMs, headers: headers)
    }

    /// Pipes a value with a null key.
    public func pipe(_ value: V, timestamp: Int64? = nil) throws {
        try pipe(nil, value, timestamp: timestamp)
    }

    public func pipe(_ records: [KeyValue<K, V>], timestamp: Int64? = nil) throws {
        for record in records { try pipe(record.key, record.value, timestamp: timestamp) }
    }
}

/// Reads typed records a topology wrote to a topic (Kafka's `TestOutputTopic`); reading consumes them.
public struct TestOutputTopic<K, V> {
    let driver: TopologyTestDriver
    public let topic: String
    let keySerde: Serde<K>
    let valueSerde: Serde<V>

    public var isEmpty: Bool { driver.outputQueueSize(topic) == 0 }
    public var queueSize: Int { driver.outputQueueSize(topic) }

    public func readRecord() throws -> TestRecord<K, V>? {
        guard let raw = driver.readOutput(topic: topic) else { return nil }
        return TestRecord(key: try raw.key.map(keySerde.deserialize), value: try raw.value.map(valueSerde.deserialize),
                          timestamp: raw.timestamp, headers: raw.headers)
    }

    public func readRecords() throws -> [TestRecord<K, V>] {
        var out: [TestRecord<K, V>] = []
        while let record = try readRecord() { out.append(record) }
        return out
    }

    public func readKeyValue() throws -> KeyValue<K, V>? {
        try readRecord().map { KeyValue($0.key, $0.value) }
    }

    public func readKeyValues() throws -> [KeyValue<K, V>] {
        try readRecords().map { KeyValue($0.key, $0.value) }
    }

    /// The next record's value (nil when the record's value is null or nothing is left: check `isEmpty`).
    public func readValue() throws -> V? {
        try readRecord()?.value
    }

    public func readValues() throws -> [V?] {
        try readRecords().map(\.value)
    }
}

extension TestOutputTopic where K: Hashable {
    /// The last value per key; a null value removes the key (Kafka's `readKeyValuesToMap`).
    public func readKeyValuesToMap() throws -> [K: V] {
        var map: [K: V] = [:]
        for record in try readRecords() {
            guard let key = record.key else { throw StreamsError(.topology, "readKeyValuesToMap cannot hold a null key of topic \(topic).") }
            map[key] = record.value
        }
        return map
    }
}
