/// One side of Kafka's `KStreamKStreamJoin`: a record joins every record of the other side's window store with
/// the same key within `[t - before, t + after]` (for the right side, before and after swap). In a left/outer
/// join a record that found no partner waits in the shared outer store and is emitted null-padded only once its
/// window closed (stream time past t + after + grace), unless a partner arrived meanwhile — no spurious results.
final class StreamStreamJoinProcessor: ProcessorNode {
    struct Config: Sendable {
        var isLeftSide: Bool
        var otherStoreName: String
        var outerStoreName: String?
        var windows: JoinWindows
        /// This side emits null-padded results (left side of left/outer, right side of outer).
        var outer: Bool
        var keySerde: ErasedSerde
        var leftSerde: ErasedSerde
        var rightSerde: ErasedSerde
        /// (key, left value, right value) → joined value; a missing side is nil.
        var joiner: @Sendable (Any?, Any?, Any?) throws -> Any?
        var trackers: JoinTimeTrackers
    }

    private let config: Config
    private let joinBeforeMs: Int64
    private let joinAfterMs: Int64
    private var context: ProcessorContext!
    private var otherStore: WindowStore!
    private var outerStore: KeyValueStore?
    private var tracker: JoinTimeTracker!

    init(_ config: Config) {
        self.config = config
        joinBeforeMs = config.isLeftSide ? config.windows.beforeMs : config.windows.afterMs
        joinAfterMs = config.isLeftSide ? config.windows.afterMs : config.windows.beforeMs
    }

    func initialize(_ context: ProcessorContext) throws {
        self.context = context
        otherStore = try context.windowStore(config.otherStoreName)
        outerStore = try config.outerStoreName.map { try context.keyValueStore($0) }
        tracker = config.trackers.tracker(for: context.taskId)
    }

    func close() {
        if let context { config.trackers.remove(context.taskId) }
    }

    private var thisSerde: ErasedSerde { config.isLeftSide ? config.leftSerde : config.rightSerde }
    private var otherSerde: ErasedSerde { config.isLeftSide ? config.rightSerde : config.leftSerde }

    private func join(_ key: Any?, this: Any?, other: Any?) throws -> Any? {
        config.isLeftSide ? try config.joiner(key, this, other) : try config.joiner(key, other, this)
    }

    func process(_ record: AnyRecord) throws {
        let timestamp = record.timestamp
        tracker.advanceStreamTime(timestamp)
        if config.outer && record.key == nil && record.value != nil {
            return try context.forward(with(record, value: try join(nil, this: record.value, other: nil)))
        }
        guard let key = record.key, let value = record.value else {
            return context.recordDropped(reason: record.key == nil ? .nullKey : .nullValue)
        }
        if timestamp == tracker.streamTime, let outerStore { try emitNonJoinedOuterRecords(outerStore, record) }

        let keyBytes = try config.keySerde.serialize(key)
        let timeFrom = max(0, timestamp - joinBeforeMs), timeTo = max(0, timestamp + joinAfterMs)
        let partners = try otherStore.fetch(keyBytes, from: timeFrom, to: timeTo)
        for partner in partners {
            if let outerStore {
                let otherKey = OuterJoinStoreFormat.key(timestamp: partner.windowStart, isLeft: !config.isLeftSide, key: keyBytes)
                if try outerStore.get(otherKey) != nil { try outerStore.put(otherKey, nil) }
            }
            let joined = try join(key, this: value, other: try otherSerde.deserialize(partner.value))
            var out = with(record, value: joined)
            out.timestamp = max(timestamp, partner.windowStart)
            try context.forward(out)
        }
        guard config.outer, partners.isEmpty else { return }
        if let outerStore, timeTo >= tracker.streamTime {
            tracker.updatedMinTime(timestamp)
            let thisKey = OuterJoinStoreFormat.key(timestamp: timestamp, isLeft: config.isLeftSide, key: keyBytes)
            try outerStore.put(thisKey, OuterJoinStoreFormat.appending(try thisSerde.serialize(value), isLeft: config.isLeftSide,
                                                                        to: try outerStore.get(thisKey)))
        } else {
            try context.forward(with(record, value: try join(key, this: value, other: nil)))
        }
    }

    /// Emits the waiting records whose windows closed, oldest first (Kafka's `emitNonJoinedOuterRecords`;
    /// Kafka throttles this to once a wall-clock second, which only saves work, so it runs each time here).
    private func emitNonJoinedOuterRecords(_ store: KeyValueStore, _ record: AnyRecord) throws {
        let grace = config.windows.gracePeriodMs
        if tracker.minTime != .max, tracker.minTime + joinAfterMs + grace >= tracker.streamTime { return }
        tracker.minTime = .max
        var prevKey: [UInt8]?
        var leftOpen = false, rightOpen = false
        for entry in try store.all() {
            let parsed = try OuterJoinStoreFormat.parseKey(entry.key)
            tracker.minTime = parsed.timestamp
            if leftOpen && rightOpen { break }
            let lookBack = parsed.isLeft ? config.windows.afterMs : config.windows.beforeMs
            if parsed.timestamp + lookBack + grace >= tracker.streamTime {
                if parsed.isLeft { leftOpen = true } else { rightOpen = true }
                continue
            }
            let key = try config.keySerde.deserialize(parsed.key)
            for item in try OuterJoinStoreFormat.values(entry.value) {
                let joined = item.isLeft
                    ? try config.joiner(key, try config.leftSerde.deserialize(item.value), nil)
                    : try config.joiner(key, nil, try config.rightSerde.deserialize(item.value))
                try context.forward(AnyRecord(key: key, value: joined, timestamp: parsed.timestamp, headers: record.headers))
            }
            if let prev = prevKey, prev != entry.key { try store.put(prev, nil) }
            prevKey = entry.key
        }
        if let prevKey { try store.put(prevKey, nil) }
    }

    private func with(_ record: AnyRecord, value: Any?) -> AnyRecord {
        AnyRecord(key: record.key, value: value, timestamp: record.timestamp, headers: record.headers)
    }
}
