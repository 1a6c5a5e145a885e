extension KStream {
    /// The stream read as a changelog (Kafka's `toTable`): the latest value per key, null values delete.
    /// Repartitions first if the key changed (through `<KSTREAM-TOTABLE-…>-repartition`).
    public func toTable(_ materialized: Materialized<K, V>? = nil, named: Named? = nil) -> KTable<K, V> {
        let name = named.orGenerate(builder, prefix: "KSTREAM-TOTABLE-")
        let storeName = materialized?.storeName ?? builder.newStoreName(prefix: "KSTREAM-TOTABLE-")
        let input = repartitionIfNeeded(namePrefix: name, key: materialized?.keySerde, value: materialized?.valueSerde)
        return builder.addTableSource(name: name, parent: input.name, storeName: storeName,
                                      materialized: materialized ?? Materialized(), keySerde: keySerde, valueSerde: valueSerde)
    }
}
