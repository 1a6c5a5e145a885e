import Testing
@testable import SamsaStreams

/// Suppression driven node by node: a windowed count feeding the suppress buffer.
@Suite struct SuppressProcessorTests {
    private let windows = try! TimeWindows.ofSizeAndGrace(.milliseconds(10), grace: .milliseconds(5))

    private func finalResults(_ context: FakeContext, buffer: BufferConfig = .unbounded()) throws -> SuppressProcessor<Windowed<String>, Int64> {
        if context.stores["buf"] == nil { context.stores["buf"] = InMemoryKeyValueStore(name: "buf") }
        let node = SuppressProcessor<Windowed<String>, Int64>(
            nodeName: "KTABLE-SUPPRESS-0000000004", storeName: "buf",
            keySerde: WindowedSerdes.timeWindowed(Serdes.string, windowSizeMs: 10), valueSerde: Serdes.long,
            suppressDurationMs: windows.gracePeriodMs, bufferTime: { key, _ in key.window.end },
            buffer: buffer, safeToDropTombstones: true)
        try node.initialize(context)
        return node
    }

    /// Runs records through a count and the suppress node; returns what the suppress node emitted.
    private func run(_ timestamps: [(String, Int64)], count: WindowAggregateProcessor<String, String, Int64>,
                     countContext: FakeContext, suppress: SuppressProcessor<Windowed<String>, Int64>) throws {
        for (key, ts) in timestamps {
            try count.process(rec(key, "v", ts))
            for update in countContext.drain() { try suppress.process(update) }
        }
    }

    private func count(_ context: FakeContext) throws -> WindowAggregateProcessor<String, String, Int64> {
        context.stores["counts"] = InMemoryWindowStore(name: "counts", windowSizeMs: 10, retentionMs: 15)
        let node = WindowAggregateProcessor(countOf("counts"), windows: windows)
        try node.initialize(context)
        return node
    }

    @Test func emitFinalGivesExactlyOneResultPerWindowOnlyAfterItCloses() throws {
        let countContext = FakeContext(), context = FakeContext()
        let counter = try count(countContext)
        let suppress = try finalResults(context)
        try run([("a", 1), ("a", 8), ("b", 3), ("a", 12)], count: counter, countContext: countContext, suppress: suppress)
        #expect(context.forwarded.isEmpty)  // stream time 12 < 10 + 5
        try run([("a", 14)], count: counter, countContext: countContext, suppress: suppress)
        #expect(context.forwarded.isEmpty)  // 14 < 15
        try run([("a", 15)], count: counter, countContext: countContext, suppress: suppress)
        #expect(context.changes(String.self, Int64.self) == ["a@0/10 2<-nil t8", "b@0/10 1<-nil t3"])
        try run([("a", 40)], count: counter, countContext: countContext, suppress: suppress)
        #expect(context.changes(String.self, Int64.self).dropFirst(2) == ["a@10/20 3<-nil t15"])
    }

    @Test func theBufferSurvivesARestartThroughItsStore() throws {
        let countContext = FakeContext(), context = FakeContext()
        let counter = try count(countContext)
        try run([("a", 1), ("a", 2), ("a", 11)], count: counter, countContext: countContext, suppress: try finalResults(context))
        #expect(context.forwarded.isEmpty)
        // A new suppress node over the same store (as after a restart restored from the changelog).
        let restarted = try finalResults(context)
        try run([("b", 15)], count: counter, countContext: countContext, suppress: restarted)
        #expect(context.changes(String.self, Int64.self) == ["a@0/10 2<-nil t2"])
        #expect(try (context.stores["buf"] as! InMemoryKeyValueStore).all().count == 2)  // a@10 and b@10 wait
    }

    @Test func untilTimeLimitEmitsTheLatestValuePerKeyAfterTheLimit() throws {
        let context = FakeContext()
        context.stores["buf"] = InMemoryKeyValueStore(name: "buf")
        let node = SuppressProcessor<String, Int64>(
            nodeName: "s", storeName: "buf", keySerde: Serdes.string, valueSerde: Serdes.long, suppressDurationMs: 10,
            bufferTime: { _, ts in ts }, buffer: .unbounded(), safeToDropTombstones: false)
        try node.initialize(context)
        try node.process(rec("a", Change(new: Int64(1), old: nil), 0))
        try node.process(rec("a", Change(new: Int64(2), old: Int64(1)), 5))
        try node.process(rec("b", Change(new: Int64(7), old: nil), 6))
        try node.process(rec("c", Change(new: nil, old: Int64(3)), 9))
        #expect(context.forwarded.isEmpty)
        try node.process(rec("x", Change(new: Int64(1), old: nil), 19))  // expiry 9: a (since 0), b (6), c (9)
        #expect(context.changes(String.self, Int64.self) == ["a 2<-nil t5", "b 7<-nil t6", "c nil<-3 t9"])
    }

    @Test func aFullBufferEmitsEarlyOrStops() throws {
        let context = FakeContext()
        context.stores["buf"] = InMemoryKeyValueStore(name: "buf")
        let early = SuppressProcessor<String, Int64>(
            nodeName: "s", storeName: "buf", keySerde: Serdes.string, valueSerde: Serdes.long, suppressDurationMs: 100,
            bufferTime: { _, ts in ts }, buffer: .maxRecords(1), safeToDropTombstones: false)
        try early.initialize(context)
        try early.process(rec("a", Change(new: Int64(1), old: nil), 0))
        try early.process(rec("b", Change(new: Int64(2), old: nil), 1))
        #expect(context.changes(String.self, Int64.self) == ["a 1<-nil t0"])

        let strictContext = FakeContext()
        let strict = try finalResults(strictContext, buffer: BufferConfig.maxRecords(1).shutDownWhenFull())
        try strict.process(rec(Windowed(key: "a", window: Window(start: 0, end: 10)), Change(new: Int64(1), old: nil), 0))
        #expect {
            try strict.process(rec(Windowed(key: "b", window: Window(start: 0, end: 10)), Change(new: Int64(1), old: nil), 0))
        } throws: { error in
            "\(error)".hasPrefix("KTABLE-SUPPRESS-0000000004 buffer exceeded its max capacity. Currently [2/1] records")
        }
        #expect(throws: WindowsError.self) { try Suppressed.untilWindowCloses(.maxRecords(5)) }
    }
}
