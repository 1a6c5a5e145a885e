import Foundation
import Testing
@testable import SamsaStreams

private func be64(_ v: Int64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: UInt64(bitPattern: v) >> UInt64(56 - 8 * $0)) } }
/// `WindowKeySchema.toStoreKeyBinary`: key, 8-byte window start, 4-byte sequence number 0.
private func windowKey(_ key: String, _ start: Int64) -> [UInt8] { Array(key.utf8) + be64(start) + [0, 0, 0, 0] }

/// Kafka's timestamped window stores (`ChangeLoggingTimestampedWindowBytesStore`): the store keeps
/// `ValueAndTimestamp`, the changelog the plain value with the stored timestamp as the record's timestamp.
@Suite struct TimestampedChangelogTests {
    private func windowedCount() throws -> TopologyTestDriver {
        let builder = StreamsBuilder()
        _ = builder.stream("clicks", Consumed(key: Serdes.string, value: Serdes.string)).groupByKey()
            .windowedBy(try TimeWindows.ofSizeWithNoGrace(.seconds(10))).count(Materialized.as("counts"))
        return try TopologyTestDriver(try builder.build())
    }

    @Test func windowedCountChangelogCarriesThePlainLongStampedWithTheWindowsTimestamp() throws {
        let driver = try windowedCount()
        let input = driver.inputTopic("clicks", key: Serdes.string, value: Serdes.string)
        // The record cache is off in the driver: every update is logged.
        try input.pipe("a", "x", timestamp: 4_000)
        try input.pipe("a", "x", timestamp: 1_000)  // out of order: the window keeps its largest timestamp, 4000
        try input.pipe("b", "x", timestamp: 2_000)
        // The store itself holds ValueAndTimestamp: 8-byte timestamp, then the count.
        let store = try #require(driver.windowStore("counts"))
        #expect(try store.fetch(Array("a".utf8), windowStart: 0) == be64(4_000) + be64(2))
        try input.pipe("a", "x", timestamp: 12_000)
        let changelog = try driver.outputTopic("test-application-counts-changelog", key: Serdes.bytes, value: Serdes.bytes).readRecords()
        #expect(changelog.map { $0.key! } == [windowKey("a", 0), windowKey("a", 0), windowKey("b", 0), windowKey("a", 10_000)])
        #expect(changelog.map { $0.value! } == [be64(1), be64(2), be64(1), be64(1)])
        #expect(changelog.map(\.timestamp) == [4_000, 4_000, 2_000, 12_000])
        // Retention is size + grace (Kafka's default): window 0 expired as stream time reached 12000.
        #expect(try store.fetch(Array("a".utf8), windowStart: 10_000) == be64(12_000) + be64(1))
    }

    @Test(arguments: StoreBackend.allCases)
    func restoreRebuildsValueAndTimestampFromTheRecordsTimestamp(_ backend: StoreBackend) throws {
        let driver = try windowedCount()
        let input = driver.inputTopic("clicks", key: Serdes.string, value: Serdes.string)
        for (key, time) in [("a", Int64(4_000)), ("a", 1_000), ("b", 2_000), ("a", 12_000), ("b", 19_999)] {
            try input.pipe(key, "x", timestamp: time)
        }
        let original = try #require(driver.windowStore("counts"))
        let changelog = try driver.outputTopic("test-application-counts-changelog", key: Serdes.bytes, value: Serdes.bytes).readRecords()

        let dir = TempDir(); defer { dir.cleanup() }
        let inner = try StoreFactory.window(backend, dir, name: "counts", size: original.windowSizeMs, retention: original.retentionMs)
        let capture = ChangelogCapture()
        let restored = ChangeLoggingWindowStore(inner: inner, log: capture.sink, timestamp: capture.clock, timestamped: true)
        defer { restored.close() }
        try restored.restore(changelog.map { ($0.key!, $0.value, $0.timestamp) })
        let expected = try original.all().map { "\(String(decoding: $0.key, as: UTF8.self))@\($0.windowStart)=\($0.value)" }
        #expect(try restored.all().map { "\(String(decoding: $0.key, as: UTF8.self))@\($0.windowStart)=\($0.value)" } == expected)
        #expect(try restored.fetch(Array("b".utf8), windowStart: 10_000) == be64(19_999) + be64(1))
        #expect(capture.logged.isEmpty)
        // A tombstone stays a tombstone (Kafka's rawValueToTimestampedValue of null is null).
        try restored.restore([(windowKey("a", 0), nil, 30_000)])
        #expect(try restored.fetch(Array("a".utf8), windowStart: 0) == nil)
    }
}
