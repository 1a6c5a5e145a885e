/// Kafka's `KStreamSlidingWindowAggregate`: every record has a left window `[t - d, t]` and, when later records
/// fall within `d` of it, a right window `[t + 1, t + 1 + d]`; a record updates every existing window that
/// contains it and creates its own (and its predecessor's right window) as Kafka does, so each distinct set of
/// records within `d` of each other gets exactly one window. Records before `d` share the window `[0, d]`.
final class SlidingWindowAggregateProcessor<K, V, A>: ProcessorNode {
    /// A window's aggregate (nil only for a reduce's fresh window) and its largest record timestamp.
    private typealias Agg = (value: A?, timestamp: Int64)
    private let aggregation: WindowedAggregation<K, V, A>
    private let windows: SlidingWindows
    private var context: ProcessorContext!
    private var store: WindowStore!
    private var observedStreamTime = Int64.min
    private var diff: Int64 { windows.timeDifferenceMs }
    private var aggSerde: Serde<A> { aggregation.aggSerde }

    init(_ aggregation: WindowedAggregation<K, V, A>, windows: SlidingWindows) {
        self.aggregation = aggregation
        self.windows = windows
    }

    func initialize(_ context: ProcessorContext) throws {
        self.context = context
        store = try context.windowStore(aggregation.storeName)
    }

    /// The record being processed, typed.
    private struct Current {
        var key: K
        var keyBytes: [UInt8]
        var value: V
        var record: AnyRecord
        var timestamp: Int64 { record.timestamp }
    }

    func process(_ record: AnyRecord) throws {
        guard let (key, value) = try aggregation.typed(record, context) else { return }
        let current = Current(key: key, keyBytes: try aggregation.keySerde.serialize(key), value: value, record: record)
        observedStreamTime = max(observedStreamTime, record.timestamp)
        let closeTime = observedStreamTime - windows.gracePeriodMs
        guard record.timestamp + diff >= closeTime else { return context.recordDropped(reason: .lateRecord) }
        if record.timestamp < diff {
            try processEarly(current, closeTime)
        } else {
            try processInOrder(current, closeTime)
        }
    }

    private func entries(_ c: Current, from: Int64, to: Int64) throws -> [(start: Int64, agg: Agg)] {
        try store.fetch(c.keyBytes, from: from, to: to).map { entry in
            let decoded = try ValueAndTimestamp.decode(entry.value)
            return (entry.windowStart, (try aggSerde.deserialize(decoded.value), decoded.timestamp))
        }
    }

    private func processInOrder(_ c: Current, _ closeTime: Int64) throws {
        var startTimes = Set<Int64>()
        var leftWinAgg: Agg?, rightWinAgg: Agg?
        var leftWinAlreadyCreated = false, rightWinAlreadyCreated = false
        var previousRecordTimestamp: Int64?
        for (start, agg) in try entries(c, from: max(0, c.timestamp - 2 * diff), to: c.timestamp + 1) {
            startTimes.insert(start)
            let end = start + diff
            if end < c.timestamp {
                leftWinAgg = agg
                previousRecordTimestamp = agg.timestamp
            } else if end == c.timestamp {
                leftWinAlreadyCreated = true
                if agg.timestamp < c.timestamp { previousRecordTimestamp = agg.timestamp }
                try updateAndForward(Window(start: start, end: end), agg, c, closeTime)
            } else if end > c.timestamp && start <= c.timestamp {
                rightWinAgg = agg
                try updateAndForward(Window(start: start, end: end), agg, c, closeTime)
            } else if start == c.timestamp + 1 {
                rightWinAlreadyCreated = true
            }
        }
        if let previous = previousRecordTimestamp {
            let previousRightStart = previous + 1
            if !startTimes.contains(previousRightStart) && previousRightStart + diff >= c.timestamp {
                try createPreviousRecordRightWindow(previousRightStart, c, closeTime)
            }
        }
        if !leftWinAlreadyCreated {
            let base: Agg
            if let previous = previousRecordTimestamp, c.timestamp - diff <= previous, let left = leftWinAgg {
                base = (left.value, c.timestamp)
            } else {
                base = (aggregation.initializer(), c.timestamp)
            }
            try updateAndForward(Window(start: c.timestamp - diff, end: c.timestamp), base, c, closeTime)
        }
        if !rightWinAlreadyCreated, let right = rightWinAgg, right.timestamp > c.timestamp {
            try createCurrentRecordRightWindow(right, c)
        }
    }

    /// Records before `d` would make windows starting below 0: they go into `[0, d]` (Kafka's workaround).
    private func processEarly(_ c: Current, _ closeTime: Int64) throws {
        var combined: (start: Int64, agg: Agg)?
        var rightWinAgg: Agg?
        var rightWinAlreadyCreated = false
        var startTimes = Set<Int64>()
        var previousRecordTimestamp: Int64?
        for (start, agg) in try entries(c, from: 0, to: c.timestamp + 1) {
            startTimes.insert(start)
            if start == 0 {
                combined = (start, agg)
                if agg.timestamp < c.timestamp { previousRecordTimestamp = agg.timestamp }
            } else if start <= c.timestamp {
                rightWinAgg = agg
                try updateAndForward(Window(start: start, end: start + diff), agg, c, closeTime)
            } else if start == c.timestamp + 1 {
                rightWinAlreadyCreated = true
            }
        }
        if rightWinAgg == nil, let combined, combined.agg.timestamp > c.timestamp { rightWinAgg = combined.agg }
        if !rightWinAlreadyCreated, let right = rightWinAgg, right.timestamp > c.timestamp {
            try createCurrentRecordRightWindow(right, c)
        }
        if let previous = previousRecordTimestamp, !startTimes.contains(previous + 1) {
            try createPreviousRecordRightWindow(previous + 1, c, closeTime)
        }
        if let combined {
            try updateAndForward(Window(start: 0, end: diff), combined.agg, c, closeTime)
        } else {
            try updateAndForward(Window(start: 0, end: diff), (aggregation.initializer(), c.timestamp), c, closeTime)
        }
    }

    private func createCurrentRecordRightWindow(_ rightWinAgg: Agg, _ c: Current) throws {
        guard let value = rightWinAgg.value else { return }
        let window = Window(start: c.timestamp + 1, end: c.timestamp + 1 + diff)
        try store.put(c.keyBytes, ValueAndTimestamp.encode(try aggSerde.serialize(value), timestamp: rightWinAgg.timestamp),
                      windowStart: window.start)
        try aggregation.forward(context, c.key, window, new: value, old: nil, timestamp: rightWinAgg.timestamp, c.record)
    }

    private func createPreviousRecordRightWindow(_ start: Int64, _ c: Current, _ closeTime: Int64) throws {
        try updateAndForward(Window(start: start, end: start + diff), (aggregation.initializer(), c.timestamp), c, closeTime)
    }

    private func updateAndForward(_ window: Window, _ agg: Agg, _ c: Current, _ closeTime: Int64) throws {
        guard window.end >= closeTime else { return context.recordDropped(reason: .lateRecord) }
        let newAgg = try aggregation.aggregator(c.key, c.value, agg.value)
        let newTimestamp = max(c.timestamp, agg.timestamp)
        try store.put(c.keyBytes, ValueAndTimestamp.encode(try aggSerde.serialize(newAgg), timestamp: newTimestamp),
                      windowStart: window.start)
        try aggregation.forward(context, c.key, window, new: newAgg, old: agg.value, timestamp: newTimestamp, c.record)
    }
}
