import Testing
@testable import SamsaStreams

/// Windowed aggregations driven node by node against hand-computed windows (the DSL tests drive whole topologies).
@Suite struct WindowProcessorTests {
    private func countProcessor(_ windows: TimeWindows, _ context: FakeContext) throws -> WindowAggregateProcessor<String, String, Int64> {
        context.stores["counts"] = InMemoryWindowStore(name: "counts", windowSizeMs: windows.sizeMs, retentionMs: windows.sizeMs + windows.gracePeriodMs)
        let node = WindowAggregateProcessor(countOf("counts"), windows: windows)
        try node.initialize(context)
        return node
    }

    @Test func tumblingCountsAcceptOutOfOrderWithinGraceAndDropLate() throws {
        let context = FakeContext()
        let node = try countProcessor(try TimeWindows.ofSizeAndGrace(.milliseconds(10), grace: .milliseconds(5)), context)
        for (ts) in [1, 12, 8, 16, 3] as [Int64] { try node.process(rec("a", "v", ts)) }
        // t=8 arrives at stream time 12: [0,10) closes at 10 + 5 = 15, still open. t=3 arrives at 16: closed.
        #expect(context.changes(String.self, Int64.self) == [
            "a@0/10 1<-nil t1", "a@10/20 1<-nil t12", "a@0/10 2<-1 t8", "a@10/20 2<-1 t16",
        ])
        #expect(context.dropped == [.lateRecord])
    }

    @Test func tumblingWindowWithoutGraceClosesAtItsEnd() throws {
        let context = FakeContext()
        let node = try countProcessor(try TimeWindows.ofSizeWithNoGrace(.milliseconds(10)), context)
        try node.process(rec("a", "v", 10))
        try node.process(rec("a", "v", 9))  // [0,10) ends at 10 = stream time: closed
        try node.process(rec(nil, "v", 11))
        #expect(context.changes(String.self, Int64.self) == ["a@10/20 1<-nil t10"])
        #expect(context.dropped == [.lateRecord, .nullKey])
    }

    @Test func hoppingWindowsCountEveryWindowContainingTheRecord() throws {
        let context = FakeContext()
        let node = try countProcessor(try TimeWindows.ofSizeWithNoGrace(.milliseconds(10)).advanceBy(.milliseconds(5)), context)
        try node.process(rec("a", "v", 7))
        try node.process(rec("a", "v", 12))
        try node.process(rec("b", "v", 13))
        try node.process(rec("a", "v", 4))  // windows [0,10) (closed at 13) only: dropped once
        #expect(context.changes(String.self, Int64.self) == [
            "a@0/10 1<-nil t7", "a@5/15 1<-nil t7",
            "a@5/15 2<-1 t12", "a@10/20 1<-nil t12",
            "b@5/15 1<-nil t13", "b@10/20 1<-nil t13",
        ])
        #expect(context.dropped == [.lateRecord])
    }

    @Test func windowsForMatchesKafkaAlignment() throws {
        let hopping = try TimeWindows.ofSizeWithNoGrace(.seconds(5)).advanceBy(.seconds(1))
        #expect(hopping.windowsFor(7_500).map(\.start) == [3_000, 4_000, 5_000, 6_000, 7_000])
        #expect(hopping.windowsFor(500).map(\.start) == [0])
        #expect(throws: WindowsError.self) { try TimeWindows.ofSizeWithNoGrace(.zero) }
        #expect(throws: WindowsError.self) { try TimeWindows.ofSizeWithNoGrace(.seconds(1)).advanceBy(.seconds(2)) }
    }

    @Test func slidingWindowsCreateOneWindowPerDistinctRecordSet() throws {
        let context = FakeContext()
        let windows = try SlidingWindows.ofTimeDifferenceAndGrace(.milliseconds(10), grace: .milliseconds(20))
        context.stores["s"] = InMemoryWindowStore(name: "s", windowSizeMs: 10, retentionMs: 30)
        let node = SlidingWindowAggregateProcessor(countOf("s"), windows: windows)
        try node.initialize(context)
        for ts in [20, 25, 40, 22] as [Int64] { try node.process(rec("a", "v", ts)) }
        #expect(context.changes(String.self, Int64.self) == [
            "a@10/20 1<-0 t20",
            "a@21/31 1<-0 t25", "a@15/25 2<-1 t25",
            "a@30/40 1<-0 t40",
            // t=22 out of order: joins {20,25} and {25}, makes its left window {20,22} and right window {25}.
            "a@15/25 3<-2 t25", "a@21/31 2<-1 t25", "a@12/22 2<-1 t22", "a@23/33 1<-nil t25",
        ])
        try node.process(rec("a", "v", 5))  // stream time 40, grace 20: windows ending before 20 are closed
        #expect(context.dropped == [.lateRecord])
    }

    @Test func slidingWindowsPutEarlyRecordsInTheFirstWindow() throws {
        let context = FakeContext()
        context.stores["s"] = InMemoryWindowStore(name: "s", windowSizeMs: 10, retentionMs: 100)
        let node = SlidingWindowAggregateProcessor(countOf("s"), windows: try SlidingWindows.ofTimeDifferenceAndGrace(.milliseconds(10), grace: .milliseconds(80)))
        try node.initialize(context)
        for ts in [3, 5, 12] as [Int64] { try node.process(rec("a", "v", ts)) }
        // Records before the time difference share [0, 10] (Kafka's processEarly); each set of records within
        // 10 ms of each other gets one window: {3,5} [0,10], {5} [4,14], {5,12} [4,14], {12} [6,16], {3,5,12} [2,12].
        #expect(context.changes(String.self, Int64.self) == [
            "a@0/10 1<-0 t3",
            "a@4/14 1<-0 t5", "a@0/10 2<-1 t5",
            "a@4/14 2<-1 t12", "a@6/16 1<-0 t12", "a@2/12 3<-2 t12",
        ])
    }

    @Test func sessionsMergeAcrossTheGapAndLateRecordsAreDropped() throws {
        let context = FakeContext()
        let windows = try SessionWindows.ofInactivityGapAndGrace(.milliseconds(5), grace: .milliseconds(10))
        context.stores["sess"] = InMemorySessionStore(name: "sess", retentionMs: 15)
        let node = SessionWindowAggregateProcessor(countOf("sess"), windows: windows, merger: { _, a, b in (a ?? 0) + b })
        try node.initialize(context)
        for ts in [0, 10, 5, 3, 30] as [Int64] { try node.process(rec("a", "v", ts)) }
        #expect(context.changes(String.self, Int64.self) == [
            "a@0/0 1<-nil t0", "a@10/10 1<-nil t10",
            // t=5 is within 5 of both sessions: they merge into [0,10]
            "a@0/0 nil<-1 t0", "a@10/10 nil<-1 t10", "a@0/10 3<-nil t10",
            "a@0/10 nil<-3 t10", "a@0/10 4<-nil t10",
            "a@30/30 1<-nil t30",
        ])
        // stream time 30: a session must end at or after 30 - 10 - 5 = 15 to still grow
        try node.process(rec("a", "v", 14))
        #expect(context.dropped == [.lateRecord])
        #expect(context.forwarded.count == 8)
    }
}
