import Foundation
import Synchronization
import Testing
@testable import SamsaStreams

/// Records what a logged store sends to its changelog.
final class ChangelogCapture: Sendable {
    struct Record: Equatable, Sendable {
        var key: [UInt8]
        var value: [UInt8]?
        var timestamp: Int64
    }

    let records = Mutex<[Record]>([])
    let now = Mutex<Int64>(1000)

    var sink: ChangelogSink { { key, value, ts in self.records.withLock { $0.append(Record(key: key, value: value, timestamp: ts)) } } }
    var clock: ChangelogTimestamp { { self.now.withLock { $0 } } }
    var logged: [Record] { records.withLock { $0 } }
    var restoreInput: [ChangelogRecord] { logged.map { ($0.key, $0.value, $0.timestamp) } }
}

private func be64(_ v: Int64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: UInt64(bitPattern: v) >> UInt64(56 - 8 * $0)) } }
private func be32(_ v: Int32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: UInt32(bitPattern: v) >> UInt32(24 - 8 * $0)) } }

@Suite struct StoreChangelogTests {
    @Test(arguments: StoreBackend.allCases)
    func keyValueChangelogIsRawKeyAndValueWithTombstones(_ backend: StoreBackend) throws {
        let dir = TempDir(); defer { dir.cleanup() }
        let capture = ChangelogCapture()
        let store = ChangeLoggingKeyValueStore(inner: try StoreFactory.keyValue(backend, dir), log: capture.sink,
                                               timestamp: capture.clock)
        defer { store.close() }
        try store.put(b("kafka"), be64(3))
        capture.now.withLock { $0 = 2000 }
        try store.put(b("kafka"), nil)
        #expect(capture.logged == [
            .init(key: Array("kafka".utf8), value: [0, 0, 0, 0, 0, 0, 0, 3], timestamp: 1000),
            .init(key: Array("kafka".utf8), value: nil, timestamp: 2000),
        ])
        #expect(try store.get(b("kafka")) == nil)
    }

    @Test(arguments: StoreBackend.allCases)
    func windowChangelogKeyIsKeyWindowStartAndSeqnum(_ backend: StoreBackend) throws {
        let dir = TempDir(); defer { dir.cleanup() }
        let capture = ChangelogCapture()
        let store = ChangeLoggingWindowStore(inner: try StoreFactory.window(backend, dir, retention: 1 << 40),
                                             log: capture.sink, timestamp: capture.clock)
        defer { store.close() }
        try store.put([0x6B], [0x01], windowStart: 0x0102_0304_0506)
        try store.put([0x6B], nil, windowStart: 0x0102_0304_0506)
        #expect(capture.logged.map(\.key) == [
            [0x6B, 0x00, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x00, 0x00, 0x00, 0x00],
            [0x6B, 0x00, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x00, 0x00, 0x00, 0x00],
        ])
        #expect(capture.logged.map(\.value) == [[0x01], nil])
    }

    @Test(arguments: StoreBackend.allCases)
    func duplicateWindowChangelogCountsSeqnumsFromOne(_ backend: StoreBackend) throws {
        let dir = TempDir(); defer { dir.cleanup() }
        let capture = ChangelogCapture()
        let store = ChangeLoggingWindowStore(inner: try StoreFactory.window(backend, dir, duplicates: true),
                                             log: capture.sink, timestamp: capture.clock)
        defer { store.close() }
        try store.put(b("k"), b("a"), windowStart: 7)
        try store.put(b("k"), b("b"), windowStart: 7)
        #expect(capture.logged.map(\.key) == [b("k") + be64(7) + be32(1), b("k") + be64(7) + be32(2)])
    }

    @Test(arguments: StoreBackend.allCases)
    func sessionChangelogKeyIsKeyEndThenStart(_ backend: StoreBackend) throws {
        let dir = TempDir(); defer { dir.cleanup() }
        let capture = ChangelogCapture()
        let store = ChangeLoggingSessionStore(inner: try StoreFactory.session(backend, dir), log: capture.sink,
                                              timestamp: capture.clock)
        defer { store.close() }
        try store.put(b("user"), start: 5, end: 9, b("agg"))
        try store.put(b("user"), start: 5, end: 9, nil)
        #expect(capture.logged == [
            .init(key: b("user") + [0, 0, 0, 0, 0, 0, 0, 9] + [0, 0, 0, 0, 0, 0, 0, 5], value: b("agg"), timestamp: 1000),
            .init(key: b("user") + [0, 0, 0, 0, 0, 0, 0, 9] + [0, 0, 0, 0, 0, 0, 0, 5], value: nil, timestamp: 1000),
        ])
    }

    @Test(arguments: StoreBackend.allCases)
    func keyValueRestoreRebuildsTheSameContents(_ backend: StoreBackend) throws {
        let dir = TempDir(); defer { dir.cleanup() }
        let capture = ChangelogCapture()
        let source = ChangeLoggingKeyValueStore(inner: InMemoryKeyValueStore(name: "src"), log: capture.sink,
                                                timestamp: capture.clock)
        for i in 0..<500 { try source.put(b("k\(i % 120)"), b("v\(i)")) }
        for i in stride(from: 0, to: 120, by: 3) { try source.put(b("k\(i)"), nil) }
        let target = try StoreFactory.keyValue(backend, dir, name: "dst")
        defer { target.close() }
        try target.restore(capture.restoreInput)
        #expect(try target.all() == source.all())
        #expect(try target.all().count == 80)
    }

    @Test(arguments: StoreBackend.allCases)
    func windowRestoreRebuildsTheSameContentsAndExpires(_ backend: StoreBackend) throws {
        let dir = TempDir(); defer { dir.cleanup() }
        for duplicates in [false, true] {
            let capture = ChangelogCapture()
            let source = ChangeLoggingWindowStore(
                inner: InMemoryWindowStore(name: "src", windowSizeMs: 10, retentionMs: 100, retainDuplicates: duplicates),
                log: capture.sink, timestamp: capture.clock)
            for i in 0..<60 { try source.put(b("k\(i % 4)"), b("v\(i)"), windowStart: Int64(i * 5)) }
            if !duplicates { try source.put(b("k3"), nil, windowStart: 295) }
            let target = try StoreFactory.window(backend, dir, name: "dst\(duplicates)", retention: 100, duplicates: duplicates)
            defer { target.close() }
            try target.restore(capture.restoreInput)
            #expect(try target.all() == source.all())
            #expect(try target.all().map(\.windowStart).min() == 200)  // observed 295: starts <= 195 expired
            #expect(try target.storedRowCount() == source.all().count)
            #expect(target.observedStreamTime == 295)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func sessionRestoreRebuildsTheSameContents(_ backend: StoreBackend) throws {
        let dir = TempDir(); defer { dir.cleanup() }
        let capture = ChangelogCapture()
        let source = ChangeLoggingSessionStore(inner: InMemorySessionStore(name: "src", retentionMs: 50),
                                               log: capture.sink, timestamp: capture.clock)
        try source.put(b("a"), start: 0, end: 10, b("1"))
        try source.put(b("a"), start: 0, end: 10, nil)
        try source.put(b("a"), start: 0, end: 30, b("2"))
        try source.put(b("b"), start: 40, end: 70, b("3"))
        try source.put(b("c"), start: 5, end: 15, b("4"))  // expired once the end reaches 70
        let target = try StoreFactory.session(backend, dir, name: "dst", retention: 50)
        defer { target.close() }
        try target.restore(capture.restoreInput)
        #expect(try target.all() == source.all())
        #expect(try target.all().map(\.value) == [b("2"), b("3")])
    }
}

@Suite struct StoreSpecOpenTests {
    @Test func specsOpenTheirKindInMemoryOrRocksDBAndLogWhenEnabled() throws {
        let dir = TempDir(); defer { dir.cleanup() }
        let capture = ChangelogCapture()
        let window = StoreSpec(name: "w", kind: .window(sizeMs: 10, retentionMs: 100, retainDuplicates: true))
        let opened = try window.open(taskDirectory: dir.path)
        #expect(opened.persistent)
        let logged = try #require(window.logging(opened, to: capture.sink, timestamp: capture.clock) as? any WindowStore)
        try logged.put(b("k"), b("v"), windowStart: 3)
        #expect(logged.retainDuplicates)
        #expect(capture.logged.map(\.key) == [b("k") + [0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 1]])
        logged.close()

        let kv = StoreSpec(name: "kv", kind: .keyValue, loggingEnabled: false)
        let memory = try kv.open(taskDirectory: nil)
        #expect(!memory.persistent)
        #expect(kv.logging(memory, to: capture.sink, timestamp: capture.clock) is KeyValueTableStore)
        let session = StoreSpec(name: "s", kind: .session(retentionMs: 5), persistent: false)
        #expect(try session.open(taskDirectory: dir.path) is InMemorySessionStore)
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/rocksdb/s"))
        #expect(FileManager.default.fileExists(atPath: dir.path + "/rocksdb/w"))
    }
}
