/// Kafka's Processor API inside the DSL: `process` runs a custom `ProcessorNode` on each record, with access
/// to the stores named (added with `StreamsBuilder.addStateStore`), and returns the stream of what it forwards.
extension KStream {
    public func process<K2, V2>(named: Named? = nil, stores: [String] = [], keySerde: Serde<K2>? = nil,
                                valueSerde: Serde<V2>? = nil,
                                _ factory: @escaping @Sendable () -> ProcessorNode) -> KStream<K2, V2> {
        let name = named.orGenerate(builder, prefix: "KSTREAM-PROCESSOR-")
        for store in stores where builder.graph.stores[store] == nil {
            builder.fail("Processor \(name) uses the state store \(store), which was not added with addStateStore.")
        }
        return adding(name: name, stores: stores, keySerde: keySerde, valueSerde: valueSerde, keyChanged: true, factory: factory)
    }
}

extension StreamsBuilder {
    /// Adds a store processors can use by name (Kafka's `addStateStore`); logged ones get a changelog topic.
    public func addStateStore(_ spec: StoreSpec) {
        graph.addStore(spec)
    }
}
