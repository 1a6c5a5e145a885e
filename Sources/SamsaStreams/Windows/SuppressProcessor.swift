/// Kafka's `KTableSuppressProcessor` over an in-memory time-ordered buffer backed by a key-value store (its
/// changelog restores the buffer after a restart). Each key keeps one entry: the latest value, the value before
/// it was first buffered, and the buffer time of its first update (Kafka's non-resetting order). Entries whose
/// buffer time is at or before stream time minus the suppress duration are emitted, oldest first.
final class SuppressProcessor<K, V>: ProcessorNode {
    private let storeName: String
    private let keySerde: Serde<K>
    private let valueSerde: Serde<V>
    private let suppressDurationMs: Int64
    private let bufferTime: (K, Int64) -> Int64
    private let buffer: BufferConfig
    /// Final results drop tombstones: a window that was never emitted needs no delete.
    private let safeToDropTombstones: Bool
    private let nodeName: String
    private var context: ProcessorContext!
    private var store: KeyValueStore!
    private var entries: [[UInt8]: SuppressBufferEntry] = [:]
    /// (buffer time, key bytes), ascending: the eviction order.
    private var order: [(time: Int64, key: [UInt8])] = []
    private var bufferBytes = 0
    private var observedStreamTime = Int64.min

    init(nodeName: String, storeName: String, keySerde: Serde<K>, valueSerde: Serde<V>, suppressDurationMs: Int64,
         bufferTime: @escaping (K, Int64) -> Int64, buffer: BufferConfig, safeToDropTombstones: Bool) {
        self.nodeName = nodeName
        self.storeName = storeName
        self.keySerde = keySerde
        self.valueSerde = valueSerde
        self.suppressDurationMs = suppressDurationMs
        self.bufferTime = bufferTime
        self.buffer = buffer
        self.safeToDropTombstones = safeToDropTombstones
    }

    func initialize(_ context: ProcessorContext) throws {
        self.context = context
        store = try context.keyValueStore(storeName)
        // Kafka's InMemoryTimeOrderedKeyValueChangelogBuffer loads at init: the store is restored by now.
        for stored in try store.all() {
            let entry = try SuppressBufferEntry(decoding: stored.value)
            entries[stored.key] = entry
            insertOrder(entry.bufferTime, stored.key)
            bufferBytes += entry.sizeInBytes(keyCount: stored.key.count)
        }
    }

    func process(_ record: AnyRecord) throws {
        observedStreamTime = max(observedStreamTime, record.timestamp)
        let key: K = try cast(record.key, "key")
        let change: Change = try cast(record.value, "table change")
        let keyBytes = try keySerde.serialize(key)
        let newBytes = try change.new.map { try valueSerde.serialize(try cast($0, "value")) }
        if let existing = entries[keyBytes] {
            bufferBytes -= existing.sizeInBytes(keyCount: keyBytes.count)
            try put(keyBytes, SuppressBufferEntry(bufferTime: existing.bufferTime, timestamp: record.timestamp,
                                                  newValue: newBytes, priorValue: existing.priorValue, headers: record.headers))
        } else {
            let priorBytes = try change.old.map { try valueSerde.serialize(try cast($0, "value")) }
            let time = bufferTime(key, record.timestamp)
            insertOrder(time, keyBytes)
            try put(keyBytes, SuppressBufferEntry(bufferTime: time, timestamp: record.timestamp, newValue: newBytes,
                                                  priorValue: priorBytes, headers: record.headers))
        }
        try enforceConstraints()
    }

    private func put(_ keyBytes: [UInt8], _ entry: SuppressBufferEntry) throws {
        entries[keyBytes] = entry
        bufferBytes += entry.sizeInBytes(keyCount: keyBytes.count)
        try store.put(keyBytes, entry.encoded())
    }

    private func enforceConstraints() throws {
        let expiryTime = observedStreamTime - suppressDurationMs
        while let first = order.first, first.time <= expiryTime { try evictFirst() }
        guard overCapacity else { return }
        switch buffer.whenFull {
        case .emitEarly:
            while overCapacity { try evictFirst() }
        case .shutDown:
            throw StreamsError(.illegalState, "\(nodeName) buffer exceeded its max capacity. Currently [\(entries.count)/\(buffer.maxRecords)] records and [\(bufferBytes)/\(buffer.maxBytes)] bytes.")
        }
    }

    private var overCapacity: Bool { entries.count > buffer.maxRecords || bufferBytes > buffer.maxBytes }

    private func evictFirst() throws {
        let first = order.removeFirst()
        guard let entry = entries.removeValue(forKey: first.key) else { return }
        bufferBytes -= entry.sizeInBytes(keyCount: first.key.count)
        try store.put(first.key, nil)
        if entry.newValue == nil && safeToDropTombstones { return }
        try context.forward(AnyRecord(key: try keySerde.deserialize(first.key),
                                      value: Change(new: try entry.newValue.map(valueSerde.deserialize),
                                                    old: try entry.priorValue.map(valueSerde.deserialize)),
                                      timestamp: entry.timestamp, headers: entry.headers))
    }

    private func insertOrder(_ time: Int64, _ key: [UInt8]) {
        let index = order.partitioningIndex { $0.time > time || ($0.time == time && key.lexicographicallyPrecedes($0.key)) }
        order.insert((time, key), at: index)
    }
}

extension Array {
    /// The first index whose element satisfies `belongsAfter` (the array is partitioned by it).
    func partitioningIndex(where belongsAfter: (Element) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if belongsAfter(self[mid]) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
