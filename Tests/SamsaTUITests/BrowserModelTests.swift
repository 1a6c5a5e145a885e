import Foundation
import Testing
@testable import SamsaTUI

/// The record browser's model against a fake reader: paging both ways, the bounded window, seeks, follow
/// mode and the merge of a topic's partitions by timestamp.
@Suite struct BrowserModelTests {
    /// Partitions in memory: records at offsets `start..<start+count`, timestamps from `timestamp(p, offset)`.
    final class FakeReader: BrowserReading, @unchecked Sendable {
        let lock = NSLock()
        var logs: [Int32: [BrowsedRecord]]
        var starts: [Int32: Int64]
        var reads: [(Int32, Int64, Int64?)] = []

        init(partitions: [Int32: (start: Int64, count: Int)], timestamp: (Int32, Int64) -> Int64) {
            logs = [:]
            starts = [:]
            for (partition, spec) in partitions {
                starts[partition] = spec.start
                logs[partition] = (0..<Int64(spec.count)).map { i in
                    let offset = spec.start + i
                    return BrowsedRecord(topic: "t", partition: partition, offset: offset, timestamp: timestamp(partition, offset),
                                         key: Array("k\(offset)".utf8), value: Array("v\(partition)-\(offset)".utf8), sizeInBytes: 20)
                }
            }
        }

        func append(_ partition: Int32, timestamp: Int64) {
            lock.withLock {
                let offset = (starts[partition] ?? 0) + Int64(logs[partition]?.count ?? 0)
                logs[partition, default: []].append(BrowsedRecord(topic: "t", partition: partition, offset: offset, timestamp: timestamp,
                                                                  key: nil, value: Array("new".utf8), sizeInBytes: 20))
            }
        }

        private func bounds(_ partition: Int32) -> BrowseBounds {
            lock.withLock {
                let start = starts[partition] ?? 0
                return BrowseBounds(start: start, end: start + Int64(logs[partition]?.count ?? 0))
            }
        }

        func browseBounds(topic: String, partition: Int32) async throws -> BrowseBounds { bounds(partition) }

        func browseOffset(topic: String, partition: Int32, atOrAfter timestamp: Int64) async throws -> Int64? {
            lock.withLock { logs[partition]?.first { $0.timestamp >= timestamp }?.offset }
        }

        func browseRead(topic: String, partition: Int32, from offset: Int64, maxRecords: Int, until: Int64?) async throws -> BrowsePage {
            let records = lock.withLock {
                reads.append((partition, offset, until))
                let log = logs[partition] ?? [], start = starts[partition] ?? 0
                let from = Int(max(0, min(Int64(log.count), offset - start)))
                let end = until.map { $0 - start } ?? Int64(log.count)
                let to = Int(max(Int64(from), min(Int64(log.count), end, Int64(from) + Int64(maxRecords))))
                return log[from..<to]
            }
            let next = records.last.map { $0.offset + 1 } ?? max(offset, bounds(partition).end)
            return BrowsePage(records: Array(records), nextOffset: until.map { min(next, $0) } ?? next, bounds: bounds(partition))
        }
    }

    /// Runs every read the model asks for until it asks for none.
    static func settle(_ model: inout BrowserModel, _ reader: FakeReader, tick: UInt64 = 0) async {
        for _ in 0..<100 {
            let requests = model.requests(tick: tick)
            if requests.isEmpty { return }
            for request in requests { model.apply(request, await request.perform(on: reader), tick: tick) }
        }
    }

    static func onePartition(_ count: Int, start: Int64 = 0) -> FakeReader {
        FakeReader(partitions: [0: (start, count)]) { _, offset in 1_000_000 + offset * 10 }
    }

    @Test func earliestLoadsTheFirstPageAndScrollingDownReadsTheNext() async {
        let reader = Self.onePartition(10_000)
        var model = BrowserModel(topic: "t", partitions: [0], isTopic: false, pageSize: 50, capacity: 200)
        model.seek(.earliest)
        await Self.settle(&model, reader)
        #expect(model.selected?.offset == 0)
        #expect(model.shownRows.first?.offset == 0)
        let loaded = model.rows.count
        #expect(loaded >= 50 && loaded < 200)
        #expect(model.rows.map(\.offset) == Array(0..<Int64(loaded)))
        model.move(by: loaded - 10)  // near the end of what is loaded: the next page is read
        await Self.settle(&model, reader)
        #expect(model.rows.count > loaded)
        #expect(model.rows.map(\.offset) == Array(0..<Int64(model.rows.count)))
        #expect(model.selected?.offset == Int64(loaded - 10))
    }

    @Test func scrollingUpAcrossAPageBoundaryLoadsTheEarlierPage() async {
        let reader = Self.onePartition(10_000)
        var model = BrowserModel(topic: "t", partitions: [0], isTopic: false, pageSize: 50, capacity: 200)
        model.seek(.offset(5000))
        await Self.settle(&model, reader)
        #expect(model.selected?.offset == 5000)
        // The page before was read too (the cursor is at the top of what was loaded).
        #expect(model.rows.first!.offset < 5000)
        model.move(by: -30)
        await Self.settle(&model, reader)
        #expect(model.selected?.offset == 4970)
        model.move(by: -30)
        await Self.settle(&model, reader)
        #expect(model.selected?.offset == 4940)
        #expect(model.rows.first!.offset <= 4900)
        #expect(reader.reads.contains { $0.0 == 0 && $0.2 == 4950 })  // read backwards up to an old first offset
        let offsets = model.rows.map(\.offset)
        #expect(offsets == Array(offsets.first!...offsets.last!))  // contiguous
    }

    @Test func onlyABoundedWindowIsKeptAndLeftRowsAreReadAgain() async {
        let reader = Self.onePartition(100_000)
        var model = BrowserModel(topic: "t", partitions: [0], isTopic: false, pageSize: 50, capacity: 200)
        model.seek(.earliest)
        await Self.settle(&model, reader)
        for _ in 0..<40 {
            model.move(by: 49)
            await Self.settle(&model, reader)
        }
        #expect(model.selected?.offset == Int64(40 * 49))
        #expect(model.rows.count <= 250)
        #expect(model.rows.first!.offset > 0)
        // Back to the top: the dropped rows are read again.
        for _ in 0..<40 {
            model.move(by: -49)
            await Self.settle(&model, reader)
        }
        #expect(model.selected?.offset == 0)
        #expect(model.rows.count <= 250)
    }

    @Test func latestTailsAndFollowAppendsNewRecords() async {
        let reader = Self.onePartition(1000)
        var model = BrowserModel(topic: "t", partitions: [0], isTopic: false, pageSize: 50, capacity: 200, pollEvery: 1)
        model.seek(.latest)
        await Self.settle(&model, reader)
        #expect(model.follow)
        #expect(model.selected?.offset == 999)
        reader.append(0, timestamp: 99_999_999)
        reader.append(0, timestamp: 99_999_999)
        await Self.settle(&model, reader, tick: 5)
        #expect(model.selected?.offset == 1001)
        #expect(model.rows.last?.value == Array("new".utf8))
        // Moving up stops following: new records no longer move the cursor.
        model.move(by: -1)
        #expect(!model.follow)
        reader.append(0, timestamp: 99_999_999)
        await Self.settle(&model, reader, tick: 10)
        #expect(model.selected?.offset == 1000)
    }

    @Test func aTimestampSeekLandsOnTheFirstRecordAtOrAfterIt() async {
        let reader = Self.onePartition(1000)
        var model = BrowserModel(topic: "t", partitions: [0], isTopic: false, pageSize: 50, capacity: 200)
        model.seek(.timestamp(1_000_000 + 4235))  // between offsets 423 and 424
        await Self.settle(&model, reader)
        #expect(model.selected?.offset == 424)
        model.seek(.timestamp(9_999_999_999))  // after every record: the end
        await Self.settle(&model, reader)
        #expect(model.selected?.offset == 999)
    }

    @Test func anOffsetBelowTheLogStartLandsOnTheStart() async {
        let reader = Self.onePartition(100, start: 500)
        var model = BrowserModel(topic: "t", partitions: [0], isTopic: false, pageSize: 20, capacity: 100)
        model.seek(.offset(3))
        await Self.settle(&model, reader)
        #expect(model.selected?.offset == 500)
    }

    @Test func aTopicMergesPartitionsByTimestampThenPartitionThenOffset() async {
        // Partition 0 every 10 ms from 0, partition 1 every 10 ms from 5, partition 2 shares partition 0's times.
        let reader = FakeReader(partitions: [0: (0, 300), 1: (0, 300), 2: (0, 300)]) { partition, offset in
            offset * 10 + (partition == 1 ? 5 : 0)
        }
        var model = BrowserModel(topic: "t", partitions: [0, 1, 2], isTopic: true, pageSize: 40, capacity: 400)
        model.seek(.earliest)
        await Self.settle(&model, reader)
        let shown = Array(model.shownRows.prefix(6)).map { "\($0.partition)@\($0.offset)" }
        #expect(shown == ["0@0", "2@0", "1@0", "0@1", "2@1", "1@1"])
        // Scroll through everything: every record appears exactly once, in merged order.
        var seen: [String] = []
        var keyed = Set<String>()
        while true {
            if let record = model.selected, keyed.insert("\(record.partition)@\(record.offset)").inserted {
                seen.append("\(record.partition)@\(record.offset)")
            }
            let before = model.selected.map { "\($0.partition)@\($0.offset)" }
            model.move(by: 1)
            await Self.settle(&model, reader)
            if model.selected.map({ "\($0.partition)@\($0.offset)" }) == before { break }
        }
        #expect(seen.count == 900)
        let times = seen.map { entry -> Int64 in
            let parts = entry.split(separator: "@")
            return Int64(parts[1])! * 10 + (parts[0] == "1" ? 5 : 0)
        }
        #expect(times == times.sorted())
    }

    @Test func aMergedViewShowsNothingPastAPartitionNotYetRead() async {
        // Partition 1's records are all later than partition 0's first page: rows of partition 0 beyond
        // partition 1's last loaded time must wait for partition 1's next page, not be shown out of order.
        let reader = FakeReader(partitions: [0: (0, 100), 1: (0, 100)]) { partition, offset in
            partition == 0 ? offset : 1000 + offset
        }
        var model = BrowserModel(topic: "t", partitions: [0, 1], isTopic: true, pageSize: 10, capacity: 400)
        model.seek(.latest)
        await Self.settle(&model, reader)
        let shown = model.shownRows.map(\.timestamp)
        #expect(shown == shown.sorted())
        #expect(model.selected?.partition == 1 && model.selected?.offset == 99)
    }

    @Test func repliesToAnEarlierSeekAreDropped() async {
        let reader = Self.onePartition(1000)
        var model = BrowserModel(topic: "t", partitions: [0], isTopic: false, pageSize: 50, capacity: 200)
        model.seek(.earliest)
        let stale = model.requests(tick: 0)
        model.seek(.offset(700))
        for request in stale { model.apply(request, await request.perform(on: reader)) }
        await Self.settle(&model, reader)
        #expect(model.selected?.offset == 700)
    }

    @Test func aFailedReadIsShownAndRetriedLater() async {
        var model = BrowserModel(topic: "t", partitions: [0], isTopic: false, pageSize: 50, capacity: 200)
        model.seek(.earliest)
        let requests = model.requests(tick: 0)
        model.apply(requests[0], .failed("The broker is down."), tick: 0)
        #expect(model.error == "The broker is down.")
        #expect(model.requests(tick: 1).isEmpty)
        #expect(model.requests(tick: 25).count == 1)
    }

    @Test func seekTextIsParsedAsKafkaUsersWriteIt() throws {
        let now = Date(timeIntervalSince1970: 1_796_032_800)  // 2026-11-30 10:00 UTC
        #expect(try BrowserSeek.parse("earliest", now: now) == .earliest)
        #expect(try BrowserSeek.parse("latest", now: now) == .latest)
        #expect(try BrowserSeek.parse("1042", now: now) == .offset(1042))
        #expect(try BrowserSeek.parse("2026-11-30 10:00", now: now) == .timestamp(1_796_032_800_000))
        #expect(try BrowserSeek.parse("2026-11-30T10:00:00", now: now) == .timestamp(1_796_032_800_000))
        #expect(try BrowserSeek.parse("2026-11-30", now: now) == .timestamp(1_795_996_800_000))
        #expect(try BrowserSeek.parse("-15m", now: now) == .timestamp(1_796_032_800_000 - 900_000))
        #expect(try BrowserSeek.parse("-2h", now: now) == .timestamp(1_796_032_800_000 - 7_200_000))
        #expect(try BrowserSeek.parse("-1d", now: now) == .timestamp(1_796_032_800_000 - 86_400_000))
        #expect(throws: BrowserSeekError.self) { try BrowserSeek.parse("yesterday", now: now) }
        #expect(throws: BrowserSeekError.self) { try BrowserSeek.parse("2026-13-01", now: now) }
    }
}
