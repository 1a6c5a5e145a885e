import SamsaProtocol

/// Builds a topology with Kafka Streams' DSL (Kafka's `StreamsBuilder`).
///
/// Nulls in Swift: a record's key is `K?` wherever Kafka allows a null key (stream operators' closures take
/// `K?`); a stream value is `V`, and a record whose value is null (a tombstone, e.g. a delete coming out of
/// `KTable.toStream()`) passes value-keeping stateless operators unchanged without calling their closures, is
/// dropped by key-changing ones (map, flatMap, selectKey), goes to a split's default branch (if any), and is
/// written as a null value by `to`. Aggregations skip null keys and null values and count them as dropped
/// (`nullKey`, `nullValue`), as Kafka does. Tables see `K` (null keys are dropped) and a value of `nil` is a
/// delete. Serdes are carried along while a type stays the same; `build()` throws if a sink, repartition or
/// store needs a serde that was lost by a type change and not given again.
///
/// Names follow Kafka's (`KSTREAM-SOURCE-0000000000`, `KSTREAM-AGGREGATE-STATE-STORE-0000000002`, one
/// counter for processors and stores), so `describe()` text and internal topic names match Kafka's for the
/// same program.
public final class StreamsBuilder {
    package let graph = TopologyGraph()
    private var index = 0
    /// Problems found while building (a missing serde, …); `build()` throws the first.
    package private(set) var errors: [String] = []

    public init() {}

    /// `prefix` + the next 10-digit index (Kafka's `newProcessorName`).
    package func newName(prefix: String) -> String {
        defer { index += 1 }
        return prefix + Self.pad(index)
    }

    /// `prefix` + `STATE-STORE-` + the next 10-digit index (Kafka's `newStoreName`).
    package func newStoreName(prefix: String) -> String {
        defer { index += 1 }
        return prefix + "STATE-STORE-" + Self.pad(index)
    }

    package func fail(_ message: String) { errors.append(message) }

    private static func pad(_ value: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, 10 - digits.count)) + digits
    }

    /// A stream of the records of `topics`.
    public func stream<K, V>(_ topics: [String], _ consumed: Consumed<K, V>) -> KStream<K, V> {
        let name = consumed.name.orGenerate(self, prefix: "KSTREAM-SOURCE-")
        if topics.isEmpty { fail("Source \(name) needs at least one topic.") }
        graph.addSource(name: name, topics: topics, decode: Self.decoder(consumed))
        return KStream(builder: self, name: name, keySerde: consumed.keySerde, valueSerde: consumed.valueSerde)
    }

    public func stream<K, V>(_ topic: String, _ consumed: Consumed<K, V>) -> KStream<K, V> {
        stream([topic], consumed)
    }

    /// A changelog stream read as a table: the latest value per key, null values delete. Materialized into a
    /// key-value store when `materialized` names one or a later operator needs its values.
    public func table<K, V>(_ topic: String, _ consumed: Consumed<K, V>,
                            _ materialized: Materialized<K, V> = Materialized()) -> KTable<K, V> {
        let storeName = materialized.storeName ?? newStoreName(prefix: topic + "-")
        let sourceName = consumed.name.suffixed("-source", self, prefix: "KSTREAM-SOURCE-")
        let tableName = consumed.name.orGenerate(self, prefix: "KTABLE-SOURCE-")
        graph.addSource(name: sourceName, topics: [topic], decode: Self.decoder(consumed))
        return addTableSource(name: tableName, parent: sourceName, storeName: storeName, materialized: materialized,
                              keySerde: consumed.keySerde, valueSerde: consumed.valueSerde)
    }

    /// Adds a `KTableSource` node below `parent` (a table's source, or `KStream.toTable`): materialized now if
    /// the user named its store, else when a later operator needs its values.
    package func addTableSource<K, V>(name tableName: String, parent: String, storeName: String,
                                      materialized: Materialized<K, V>, keySerde: Serde<K>?, valueSerde: Serde<V>?) -> KTable<K, V> {
        var m = materialized
        m.keySerde = m.keySerde ?? keySerde
        m.valueSerde = m.valueSerde ?? valueSerde
        guard let tableKeySerde = m.keySerde, let tableValueSerde = m.valueSerde else {
            fail("The table \(tableName) needs a key and a value serde: pass them in Materialized.")
            return KTable(builder: self, name: tableName, keySerde: nil, valueSerde: nil, storeName: nil,
                          materialize: { storeName }, enableOldValues: {})
        }
        let spec = m.keyValueSpec(name: storeName)
        let store = SharedValue<String?>(nil)
        let oldValues = SharedValue(false)
        graph.addProcessor(name: tableName, parents: [parent]) {
            TableSourceProcessor(store: store, oldValues: oldValues, keySerde: tableKeySerde, valueSerde: tableValueSerde)
        }
        let materialize: () -> String = { [graph] in
            if let name = store.value { return name }
            graph.addStore(spec)
            graph.connect(store: storeName, to: tableName)
            store.value = storeName
            return storeName
        }
        if materialized.storeName != nil { _ = materialize() }
        return KTable(builder: self, name: tableName, keySerde: tableKeySerde, valueSerde: tableValueSerde,
                      storeName: materialized.storeName, materialize: materialize,
                      enableOldValues: { _ = materialize(); oldValues.value = true })
    }

    /// A table every instance holds in full (all partitions of `topic`), kept by the global task.
    public func globalTable<K, V>(_ topic: String, _ consumed: Consumed<K, V>,
                                  _ materialized: Materialized<K, V> = Materialized()) -> GlobalKTable<K, V> {
        let storeName = materialized.storeName ?? newStoreName(prefix: topic + "-")
        let sourceName = consumed.name.suffixed("-source", self, prefix: "KSTREAM-SOURCE-")
        let processorName = consumed.name.orGenerate(self, prefix: "KTABLE-SOURCE-")
        var m = materialized.withLoggingDisabled()
        m.keySerde = m.keySerde ?? consumed.keySerde
        m.valueSerde = m.valueSerde ?? consumed.valueSerde
        graph.addStore(m.keyValueSpec(name: storeName))
        graph.addSource(name: sourceName, topics: [topic], global: true, decode: Self.decoder(consumed))
        let store = SharedValue<String?>(storeName)
        graph.addProcessor(name: processorName, parents: [sourceName], stores: [storeName], global: true) { [m] in
            TableSourceProcessor(store: store, oldValues: SharedValue(false), keySerde: m.keySerde!, valueSerde: m.valueSerde!)
        }
        graph.addGlobalStore(topic: topic, store: storeName)
        return GlobalKTable(builder: self, storeName: storeName, keySerde: m.keySerde!, valueSerde: m.valueSerde!)
    }

    /// Turns bytes into typed key and value with the source's serdes and timestamp extractor.
    package static func decoder<K, V>(_ consumed: Consumed<K, V>) -> @Sendable (InputRecord, Int64) throws -> AnyRecord {
        let keySerde = consumed.keySerde, valueSerde = consumed.valueSerde
        let extractor = consumed.timestampExtractor
        return { input, partitionTime in
            let key = try input.key.map { bytes -> K in
                do { return try keySerde.deserialize(bytes) } catch {
                    throw DeserializationError(input: input, part: "key", serde: keySerde.name, cause: error)
                }
            }
            let value = try input.value.map { bytes -> V in
                do { return try valueSerde.deserialize(bytes) } catch {
                    throw DeserializationError(input: input, part: "value", serde: valueSerde.name, cause: error)
                }
            }
            guard let extractor else {
                // Kafka's default FailOnInvalidTimestamp.
                guard input.timestamp >= 0 else {
                    throw StreamsError(.topology, "Input record at offset \(input.offset) of \(input.topic)-\(input.partition) has invalid (negative) timestamp \(input.timestamp). Use a different TimestampExtractor to process this data.")
                }
                return AnyRecord(key: key, value: value, timestamp: input.timestamp, headers: input.headers)
            }
            let timestamp = extractor(key, value, input.timestamp, partitionTime)
            return AnyRecord(key: key, value: value, timestamp: timestamp, headers: input.headers)
        }
    }
}

/// Bytes a source's serde could not read (Kafka's `LogAndFailExceptionHandler` stops the task with this).
public struct DeserializationError: Error, CustomStringConvertible {
    public let topic: String
    public let partition: Int32
    public let offset: Int64
    public let description: String

    init(input: InputRecord, part: String, serde: String, cause: Error) {
        topic = input.topic
        partition = input.partition
        offset = input.offset
        description = "Could not deserialize the \(part) of the record at offset \(input.offset) of \(input.topic)-\(input.partition) with the \(serde) serde: \(cause)"
    }
}
