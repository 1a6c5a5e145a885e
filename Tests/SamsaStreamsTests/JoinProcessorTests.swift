import Testing
@testable import SamsaStreams

/// Join processors wired by hand (window processors, join sides, shared stores) and fed Kafka's documented
/// input sequences (docs/streams/developer-guide/dsl-api.html, "Semantics of … joins"): one key, timestamps in ms.
@Suite struct JoinProcessorTests {
    /// A stream-stream join as Kafka's DSL wires it: each side's window processor, then its join processor.
    final class StreamStreamJoin {
        let context = FakeContext()
        let leftWindow: JoinWindowProcessor, rightWindow: JoinWindowProcessor
        let leftJoin: StreamStreamJoinProcessor, rightJoin: StreamStreamJoinProcessor

        init(_ kind: JoinKind, _ windows: JoinWindows) throws {
            let retention = windows.sizeMs + windows.gracePeriodMs
            context.stores["this"] = InMemoryWindowStore(name: "this", windowSizeMs: windows.sizeMs, retentionMs: retention, retainDuplicates: true)
            context.stores["other"] = InMemoryWindowStore(name: "other", windowSizeMs: windows.sizeMs, retentionMs: retention, retainDuplicates: true)
            context.stores["shared"] = InMemoryKeyValueStore(name: "shared")
            let string = ErasedSerde(Serdes.string, what: "value")
            leftWindow = JoinWindowProcessor(storeName: "this", keySerde: string, valueSerde: string)
            rightWindow = JoinWindowProcessor(storeName: "other", keySerde: string, valueSerde: string)
            let trackers = JoinTimeTrackers()
            func config(_ left: Bool) -> StreamStreamJoinProcessor.Config {
                .init(isLeftSide: left, otherStoreName: left ? "other" : "this", outerStoreName: kind == .inner ? nil : "shared",
                      windows: windows, outer: left ? kind != .inner : kind == .outer, keySerde: string,
                      leftSerde: string, rightSerde: string,
                      joiner: { _, l, r in "[\(l.map { "\($0)" } ?? "null"), \(r.map { "\($0)" } ?? "null")]" }, trackers: trackers)
            }
            leftJoin = StreamStreamJoinProcessor(config(true))
            rightJoin = StreamStreamJoinProcessor(config(false))
            for node in [leftWindow, rightWindow, leftJoin, rightJoin] as [ProcessorNode] { try node.initialize(context) }
        }

        /// Sends one record through a side; returns the joined values it caused.
        func send(left: Bool, _ value: String?, _ ts: Int64) throws -> [String] {
            try (left ? leftWindow : rightWindow).process(rec("k", value, ts))
            let passed = context.drain()
            for record in passed { try (left ? leftJoin : rightJoin).process(record) }
            return context.drain().map { "\($0.value!)@\($0.timestamp)" }
        }
    }

    /// The docs' table rows: (timestamp, left?, value) with 15 ms windows and 5 ms grace. The docs' last rows
    /// (E at 40, F at 60, f at 80, G at 100) sit exactly on the close boundary; Kafka's code emits once stream
    /// time is strictly past t + window + grace, so here they come 1-3 ms later (61, 82, 103).
    static let rows: [(Int64, Bool, String?)] = [
        (1, true, nil), (2, false, nil), (3, true, "A"), (4, false, "a"), (5, true, "B"), (6, false, "b"),
        (7, true, nil), (8, false, nil), (9, true, "C"), (10, false, "c"), (11, false, nil), (12, true, nil),
        (13, false, nil), (14, false, "d"), (15, true, "D"), (40, true, "E"), (61, true, "F"), (82, false, "f"),
        (103, true, "G"),
    ]

    static let joined: [Int64: [String]] = [
        4: ["[A, a]@4"], 5: ["[B, a]@5"], 6: ["[A, b]@6", "[B, b]@6"], 9: ["[C, a]@9", "[C, b]@9"],
        10: ["[A, c]@10", "[B, c]@10", "[C, c]@10"], 14: ["[A, d]@14", "[B, d]@14", "[C, d]@14"],
        15: ["[D, a]@15", "[D, b]@15", "[D, c]@15", "[D, d]@15"],
    ]

    private func run(_ kind: JoinKind) throws -> (outputs: [Int64: [String]], dropped: Int) {
        let join = try StreamStreamJoin(kind, try JoinWindows.ofTimeDifferenceAndGrace(.milliseconds(15), grace: .milliseconds(5)))
        var outputs: [Int64: [String]] = [:]
        for (ts, left, value) in Self.rows {
            let out = try join.send(left: left, value, ts)
            if !out.isEmpty { outputs[ts] = out }
        }
        return (outputs, join.context.dropped.count)
    }

    @Test func innerJoinMatchesKafkasTable() throws {
        let (outputs, dropped) = try run(.inner)
        #expect(outputs == Self.joined)
        #expect(dropped == 7)  // the seven null values
    }

    @Test func leftJoinEmitsUnmatchedLeftRecordsOnlyAfterTheirWindowCloses() throws {
        var expected = Self.joined
        expected[61] = ["[E, null]@40"]
        expected[82] = ["[F, null]@61"]
        #expect(try run(.left).outputs == expected)
    }

    @Test func outerJoinEmitsUnmatchedRecordsOfBothSidesAfterTheirWindowsClose() throws {
        var expected = Self.joined
        expected[61] = ["[E, null]@40"]
        expected[82] = ["[F, null]@61"]
        expected[103] = ["[null, f]@82"]
        #expect(try run(.outer).outputs == expected)
    }

    @Test func aLeftRecordJoinedLaterWithinItsWindowNeverEmitsANullResult() throws {
        let join = try StreamStreamJoin(.left, try JoinWindows.ofTimeDifferenceWithNoGrace(.milliseconds(10)))
        #expect(try join.send(left: true, "A", 100) == [])
        #expect(try join.send(left: false, "x", 109) == ["[A, x]@109"])
        #expect(try join.send(left: true, "B", 200) == [])  // A was joined: nothing waits
        #expect(try join.send(left: true, "C", 300) == ["[B, null]@200"])
        // Out of order but its window already closed by stream time: emitted at once, not stored.
        #expect(try join.send(left: true, "D", 250) == ["[D, null]@250"])
    }

    @Test func beforeAndAfterBoundTheWindowAsymmetrically() throws {
        let windows = try JoinWindows.ofTimeDifferenceWithNoGrace(.milliseconds(0)).before(.milliseconds(5)).after(.milliseconds(10))
        let join = try StreamStreamJoin(.inner, windows)
        _ = try join.send(left: false, "r1", 100)
        // A left record at t joins right records in [t - 5, t + 10]: 100 is within [90 - 5, 90 + 10]
        #expect(try join.send(left: true, "L90", 90) == ["[L90, r1]@100"])
        #expect(try join.send(left: true, "L106", 106) == [])  // 100 < 106 - 5
        #expect(try join.send(left: true, "L105", 105) == ["[L105, r1]@105"])
    }

    // MARK: stream-table and table-table

    private static let table = "table"

    private func streamTable(leftJoin: Bool) throws -> (context: FakeContext, node: StreamTableJoinProcessor, store: InMemoryKeyValueStore) {
        let context = FakeContext()
        let store = InMemoryKeyValueStore(name: Self.table)
        context.stores[Self.table] = store
        let node = StreamTableJoinProcessor(
            lookup: TableLookup.store(Self.table, keySerde: Serdes.string, valueSerde: Serdes.string),
            keyMapper: { key, _ in key },
            joiner: { _, l, r in "[\(l.map { "\($0)" } ?? "null"), \(r.map { "\($0)" } ?? "null")]" }, leftJoin: leftJoin)
        try node.initialize(context)
        return (context, node, store)
    }

    /// Kafka's stream-table table: rows 1-13; the table side only updates the store.
    private func runStreamTable(leftJoin: Bool) throws -> [String] {
        let (context, node, store) = try streamTable(leftJoin: leftJoin)
        let rows: [(Int64, Bool, String?)] = [
            (1, true, nil), (2, false, nil), (3, true, "A"), (4, false, "a"), (5, true, "B"), (6, false, "b"),
            (7, true, nil), (8, false, nil), (9, true, "C"), (10, false, "c"), (11, false, nil), (12, true, nil), (13, false, nil),
        ]
        for (ts, isStream, value) in rows {
            if isStream {
                try node.process(rec("k", value, ts))
            } else {
                try store.put(Array("k".utf8), value.map { Array($0.utf8) })
            }
        }
        return context.forwarded.map { "\($0.value!)@\($0.timestamp)" }
    }

    @Test func streamTableJoinsMatchKafkasTable() throws {
        #expect(try runStreamTable(leftJoin: false) == ["[B, a]@5"])
        #expect(try runStreamTable(leftJoin: true) == ["[A, null]@3", "[B, a]@5", "[C, null]@9"])
    }

    /// Kafka's table-table table, rows 1-15: (timestamp, left side?, value); each side's store holds its table.
    private func runTableTable(_ kind: JoinKind) throws -> [String] {
        let context = FakeContext()
        let leftStore = InMemoryKeyValueStore(name: "L"), rightStore = InMemoryKeyValueStore(name: "R")
        context.stores["L"] = leftStore
        context.stores["R"] = rightStore
        let joiner: (Any?, Any?, Any?) throws -> Any? = { _, l, r in "[\(l.map { "\($0)" } ?? "null"), \(r.map { "\($0)" } ?? "null")]" }
        let left = TableTableJoinProcessor(kind: kind, isLeftSide: true,
                                           otherLookup: TableLookup.store("R", keySerde: Serdes.string, valueSerde: Serdes.string), joiner: joiner)
        let right = TableTableJoinProcessor(kind: kind, isLeftSide: false,
                                            otherLookup: TableLookup.store("L", keySerde: Serdes.string, valueSerde: Serdes.string), joiner: joiner)
        try left.initialize(context)
        try right.initialize(context)
        let rows: [(Int64, Bool, String?)] = [
            (1, true, nil), (2, false, nil), (3, true, "A"), (4, false, "a"), (5, true, "B"), (6, false, "b"),
            (7, true, nil), (8, false, nil), (9, true, "C"), (10, false, "c"), (11, false, nil), (12, true, nil),
            (13, false, nil), (14, false, "d"), (15, true, "D"),
        ]
        var out: [String] = []
        for (ts, isLeft, value) in rows {
            let store = isLeft ? leftStore : rightStore
            let key = Array("k".utf8)
            let old = try store.get(key).map { String(decoding: $0, as: UTF8.self) }
            try store.put(key, value.map { Array($0.utf8) })
            try (isLeft ? left : right).process(rec("k", Change(new: value, old: old), ts))
            for record in context.drain() {
                let change = record.value as! Change
                out.append("\(ts):\(change.new.map { "\($0)" } ?? "null")")
            }
        }
        return out
    }

    @Test func tableTableJoinsMatchKafkasTable() throws {
        #expect(try runTableTable(.inner) == ["4:[A, a]", "5:[B, a]", "6:[B, b]", "7:null", "10:[C, c]", "11:null", "15:[D, d]"])
        #expect(try runTableTable(.left) == [
            "3:[A, null]", "4:[A, a]", "5:[B, a]", "6:[B, b]", "7:null", "9:[C, null]", "10:[C, c]", "11:[C, null]",
            "12:null", "15:[D, d]",
        ])
        #expect(try runTableTable(.outer) == [
            "3:[A, null]", "4:[A, a]", "5:[B, a]", "6:[B, b]", "7:[null, b]", "8:null", "9:[C, null]", "10:[C, c]",
            "11:[C, null]", "12:null", "14:[null, d]", "15:[D, d]",
        ])
    }

    @Test func tableTableUpdatesCarryTheRetractedOldResult() throws {
        let context = FakeContext()
        let rightStore = InMemoryKeyValueStore(name: "R")
        context.stores["R"] = rightStore
        try rightStore.put(Array("k".utf8), Array("r".utf8))
        let left = TableTableJoinProcessor(kind: .inner, isLeftSide: true,
                                           otherLookup: TableLookup.store("R", keySerde: Serdes.string, valueSerde: Serdes.string),
                                           joiner: { _, l, r in "\(l!)+\(r!)" })
        try left.initialize(context)
        try left.process(rec("k", Change(new: "B", old: "A"), 20))
        #expect(context.changes(String.self, String.self) == ["k B+r<-A+r t20"])
    }
}
