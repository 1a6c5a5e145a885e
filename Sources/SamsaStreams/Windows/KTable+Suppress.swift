/// The window key's end, for buffering windowed updates until their window closes.
protocol WindowedKey {
    var window: Window { get }
}

extension Windowed: WindowedKey {}

extension KTable {
    /// Holds updates back (Kafka's `suppress`): `untilWindowCloses` emits exactly one final result per window
    /// once stream time passes the window end plus the upstream windows' grace; `untilTimeLimit` emits each
    /// key's latest value once the limit passed since its first buffered update. The buffer lives in memory and,
    /// unless disabled, in the changelog of its store (`KTABLE-SUPPRESS-STATE-STORE-…` or `<name>-store`), so
    /// it survives restarts.
    public func suppress(_ suppressed: Suppressed) -> KTable<K, V> {
        let name = suppressed.name ?? builder.newName(prefix: "KTABLE-SUPPRESS-")
        let storeName = suppressed.name.map { $0 + "-store" } ?? builder.newStoreName(prefix: "KTABLE-SUPPRESS-")
        let durationMs: Int64
        let finalResults: Bool
        switch suppressed.kind {
        case .untilWindowCloses:
            guard let grace = builder.graph.windowGrace(above: self.name) else {
                builder.fail("Window close time is only defined for windowed computations: suppress(untilWindowCloses) at \(name) has no windowed aggregation upstream.")
                return self
            }
            durationMs = grace
            finalResults = true
        case .untilTimeLimit(let ms):
            durationMs = ms
            finalResults = false
        }
        guard let keySerde, let valueSerde else {
            builder.fail("suppress at \(name) needs the table's key and value serdes: materialize the table with them.")
            return self
        }
        enableOldValues()
        let buffer = suppressed.buffer
        builder.graph.addStore(StoreSpec(name: storeName, kind: .keyValue, loggingEnabled: buffer.loggingEnabled,
                                         persistent: false, changelogConfigs: buffer.changelogConfigs))
        builder.graph.addProcessor(name: name, parents: [self.name], stores: [storeName]) {
            SuppressProcessor<K, V>(nodeName: name, storeName: storeName, keySerde: keySerde, valueSerde: valueSerde,
                                    suppressDurationMs: durationMs,
                                    bufferTime: { key, timestamp in
                                        finalResults ? ((key as? WindowedKey)?.window.end ?? timestamp) : timestamp
                                    },
                                    buffer: buffer, safeToDropTombstones: finalResults)
        }
        return KTable(builder: builder, name: name, keySerde: keySerde, valueSerde: valueSerde, storeName: nil,
                      materialize: materialize, enableOldValues: {})
    }
}
