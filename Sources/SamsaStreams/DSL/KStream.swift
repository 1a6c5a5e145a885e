import Foundation

/// A record stream (Kafka's `KStream`): a handle on one node of the builder's graph, with the serdes known
/// for its key and value and whether its key changed since the source (then grouping or joining first
/// repartitions). See `StreamsBuilder` for how nulls look.
public struct KStream<K, V> {
    package let builder: StreamsBuilder
    /// The graph node records of this stream come out of.
    package let name: String
    package let keySerde: Serde<K>?
    package let valueSerde: Serde<V>?
    /// The key was changed (map, selectKey, flatMap) since the last source or repartition.
    package let repartitionRequired: Bool

    package init(builder: StreamsBuilder, name: String, keySerde: Serde<K>?, valueSerde: Serde<V>?,
                 repartitionRequired: Bool = false) {
        self.builder = builder
        self.name = name
        self.keySerde = keySerde
        self.valueSerde = valueSerde
        self.repartitionRequired = repartitionRequired
    }

    /// Adds a processor node below this stream and returns the stream of what it forwards.
    package func adding<K2, V2>(name: String, stores: [String] = [], keySerde: Serde<K2>?, valueSerde: Serde<V2>?,
                                keyChanged: Bool, factory: @escaping @Sendable () -> ProcessorNode) -> KStream<K2, V2> {
        builder.graph.addProcessor(name: name, parents: [self.name], stores: stores, factory: factory)
        return KStream<K2, V2>(builder: builder, name: name, keySerde: keySerde, valueSerde: valueSerde,
                               repartitionRequired: repartitionRequired || keyChanged)
    }

    /// Writes the stream to `topic` (Kafka's `to`), with `produced`'s serdes or the stream's.
    public func to(_ topic: String, _ produced: Produced<K, V> = Produced()) {
        let sinkName = produced.name.orGenerate(builder, prefix: "KSTREAM-SINK-")
        guard let keySerde = produced.keySerde ?? keySerde, let valueSerde = produced.valueSerde ?? valueSerde else {
            builder.fail("to(\"\(topic)\") needs a key and a value serde: pass them in Produced, the stream's types changed since its source.")
            return
        }
        let partitioner = produced.partitioner.map { choose in
            { @Sendable (record: AnyRecord, count: Int32) -> Int32? in
                choose(topic, record.key.map { $0 as! K }, record.value.map { $0 as! V }, count)
            }
        }
        builder.graph.addSink(name: sinkName, topic: topic, parents: [name], partitioner: partitioner,
                              encode: Self.encoder(keySerde, valueSerde))
    }

    /// Serializes a record's key and value (null stays null).
    package static func encoder(_ keySerde: Serde<K>, _ valueSerde: Serde<V>)
        -> @Sendable (AnyRecord) throws -> (key: [UInt8]?, value: [UInt8]?) {
        { record in
            (try record.key.map { try keySerde.serialize($0 as! K) }, try record.value.map { try valueSerde.serialize($0 as! V) })
        }
    }

    /// Writes the stream to an internal topic `<name>-repartition` and reads it back, so records are
    /// partitioned by their current key (Kafka's `repartition`).
    public func repartition(_ repartitioned: Repartitioned<K, V> = Repartitioned()) -> KStream<K, V> {
        let prefix = repartitioned.name ?? builder.newName(prefix: "KSTREAM-REPARTITION-")
        return self.repartitioned(namePrefix: prefix, key: repartitioned.keySerde, value: repartitioned.valueSerde,
                             partitions: repartitioned.partitions)
    }

    /// Inserts Kafka's repartition step if the key changed upstream (grouping, joins): sink → internal topic
    /// `<namePrefix>-repartition` → source, named `KSTREAM-SINK/FILTER/SOURCE-…` for generated prefixes and
    /// `<topic>-sink`/`-filter`/`-source` for user ones. Returns `self` when no repartition is needed.
    package func repartitionIfNeeded(namePrefix: String, key: Serde<K>?, value: Serde<V>?) -> KStream<K, V> {
        guard repartitionRequired else { return self }
        return repartitioned(namePrefix: namePrefix, key: key, value: value, partitions: nil)
    }

    private func repartitioned(namePrefix: String, key: Serde<K>?, value: Serde<V>?, partitions: Int32?) -> KStream<K, V> {
        let topic = namePrefix.hasSuffix("-repartition") ? namePrefix : namePrefix + "-repartition"
        let genSink = builder.newName(prefix: "KSTREAM-SINK-")
        let genFilter = builder.newName(prefix: "KSTREAM-FILTER-")
        let genSource = builder.newName(prefix: "KSTREAM-SOURCE-")
        let generated = namePrefix.hasPrefix("KSTREAM") && namePrefix.range(of: #"-[0-9]{10}$"#, options: .regularExpression) != nil
        let sinkName = generated ? genSink : topic + "-sink"
        let filterName = generated ? genFilter : topic + "-filter"
        let sourceName = generated ? genSource : topic + "-source"
        guard let keySerde = key ?? keySerde, let valueSerde = value ?? valueSerde else {
            builder.fail("The repartition topic \(topic) needs a key and a value serde: pass them in Grouped or Repartitioned, the stream's types changed since its source.")
            return self
        }
        builder.graph.addInternalTopic(InternalTopicSpec(name: topic, kind: .repartition, partitions: partitions,
                                                         configs: Self.repartitionConfigs))
        builder.graph.addProcessor(name: filterName, parents: [name]) { FunctionProcessor { record, context in try context.forward(record) } }
        builder.graph.addSink(name: sinkName, topic: topic, parents: [filterName], encode: Self.encoder(keySerde, valueSerde))
        builder.graph.addSource(name: sourceName, topics: [topic],
                                decode: StreamsBuilder.decoder(Consumed(key: keySerde, value: valueSerde)))
        return KStream(builder: builder, name: sourceName, keySerde: keySerde, valueSerde: valueSerde)
    }

    /// Kafka's repartition topic configs.
    static var repartitionConfigs: [String: String] {
        ["cleanup.policy": "delete", "segment.bytes": "52428800", "retention.ms": "-1"]
    }
}
