import Testing
@testable import SamsaStreams

@Suite struct StoreWindowTests {
    @Test(arguments: StoreBackend.allCases)
    func fetchRangesAreInclusiveAndOrdered(_ backend: StoreBackend) throws {
        let dir = TempDir(); defer { dir.cleanup() }
        let store = try StoreFactory.window(backend, dir)
        defer { store.close() }
        try store.put(b("k1"), b("c"), windowStart: 20)
        try store.put(b("k1"), b("a"), windowStart: 0)
        try store.put(b("k1"), b("b"), windowStart: 10)
        try store.put(b("k2"), b("x"), windowStart: 10)
        #expect(try store.fetch(b("k1"), windowStart: 10) == b("b"))
        #expect(try store.fetch(b("k1"), windowStart: 5) == nil)
        #expect(try store.fetch(b("k1"), from: 0, to: 10) == [
            WindowEntry(key: b("k1"), windowStart: 0, value: b("a")),
            WindowEntry(key: b("k1"), windowStart: 10, value: b("b")),
        ])
        #expect(try store.fetch(b("k1"), from: 11, to: 19) == [])
        #expect(try store.fetch(b("k1"), from: 20, to: 10) == [])
        #expect(try store.fetchAll(from: 10, to: 20) == [
            WindowEntry(key: b("k1"), windowStart: 10, value: b("b")),
            WindowEntry(key: b("k1"), windowStart: 20, value: b("c")),
            WindowEntry(key: b("k2"), windowStart: 10, value: b("x")),
        ])
        #expect(try store.all().map { "\(String(decoding: $0.key, as: UTF8.self))@\($0.windowStart)" }
                == ["k1@0", "k1@10", "k1@20", "k2@10"])
    }

    @Test(arguments: StoreBackend.allCases)
    func putReplacesAndNilDeletes(_ backend: StoreBackend) throws {
        let dir = TempDir(); defer { dir.cleanup() }
        let store = try StoreFactory.window(backend, dir)
        defer { store.close() }
        try store.put(b("k"), b("1"), windowStart: 10)
        try store.put(b("k"), b("2"), windowStart: 10)
        #expect(try store.fetch(b("k"), from: 0, to: 100).map(\.value) == [b("2")])
        try store.put(b("k"), nil, windowStart: 10)
        #expect(try store.fetch(b("k"), windowStart: 10) == nil)
        #expect(try store.all() == [])
        #expect(try store.storedRowCount() == 0)
    }

    @Test(arguments: StoreBackend.allCases)
    func aKeyThatPrefixesAnotherOnlyFetchesItsOwnRows(_ backend: StoreBackend) throws {
        let dir = TempDir(); defer { dir.cleanup() }
        let store = try StoreFactory.window(backend, dir)
        defer { store.close() }
        // "a" + 0x00… sorts among "a"'s rows in the store-key layout.
        let longer: [UInt8] = [0x61, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0A]
        try store.put(b("a"), b("mine"), windowStart: 5)
        try store.put(longer, b("other"), windowStart: 5)
        try store.put(b("a"), b("mine2"), windowStart: 40)
        #expect(try store.fetch(b("a"), from: 0, to: 100).map(\.value) == [b("mine"), b("mine2")])
        #expect(try store.fetch(longer, from: 0, to: 100).map(\.value) == [b("other")])
        #expect(try store.all().map(\.value) == [b("mine"), b("mine2"), b("other")])
    }

    @Test(arguments: StoreBackend.allCases)
    func duplicatesKeepEveryPutInOrder(_ backend: StoreBackend) throws {
        let dir = TempDir(); defer { dir.cleanup() }
        let store = try StoreFactory.window(backend, dir, duplicates: true)
        defer { store.close() }
        try store.put(b("k"), b("a"), windowStart: 10)
        try store.put(b("k"), b("b"), windowStart: 10)
        try store.put(b("k"), nil, windowStart: 10)  // a no-op with duplicates, as in Kafka
        try store.put(b("k"), b("c"), windowStart: 5)
        #expect(try store.fetch(b("k"), from: 0, to: 10).map(\.value) == [b("c"), b("a"), b("b")])
        #expect(try store.fetch(b("k"), windowStart: 10) == b("a"))
        #expect(try store.fetchAll(from: 10, to: 10).map(\.value) == [b("a"), b("b")])
    }

    @Test(arguments: StoreBackend.allCases)
    func windowsExpireAtObservedStreamTimeMinusRetention(_ backend: StoreBackend) throws {
        let dir = TempDir(); defer { dir.cleanup() }
        let store = try StoreFactory.window(backend, dir, retention: 100)
        defer { store.close() }
        try store.put(b("k"), b("w0"), windowStart: 0)
        try store.put(b("k"), b("w50"), windowStart: 50)
        try store.put(b("j"), b("j100"), windowStart: 100)  // observed 100: starts <= 0 expire
        #expect(store.observedStreamTime == 100)
        #expect(try store.fetch(b("k"), windowStart: 0) == nil)
        #expect(try store.fetch(b("k"), from: 0, to: 200).map(\.windowStart) == [50])
        #expect(try store.all().map(\.windowStart) == [100, 50])
        #expect(try store.storedRowCount() == 2)
        try store.put(b("k"), b("late"), windowStart: 0)  // at or before the threshold: dropped
        #expect(try store.fetch(b("k"), windowStart: 0) == nil)
        try store.put(b("k"), b("w1"), windowStart: 1)  // just inside retention
        #expect(try store.fetch(b("k"), windowStart: 1) == b("w1"))
        try store.put(b("j"), b("j150"), windowStart: 150)  // threshold 50: w1 and w50 go
        #expect(try store.fetchAll(from: 0, to: 1000).map(\.windowStart) == [100, 150])
        #expect(try store.storedRowCount() == 2)
    }

    @Test func rocksDBWindowStoreKeepsRowsAndStreamTimeAcrossReopen() throws {
        let dir = TempDir(); defer { dir.cleanup() }
        let store = try RocksDBWindowStore(name: "w", directory: dir.path, windowSizeMs: 10, retentionMs: 100)
        try store.put(b("k"), b("v"), windowStart: 200)
        store.close()
        let reopened = try RocksDBWindowStore(name: "w", directory: dir.path, windowSizeMs: 10, retentionMs: 100)
        defer { reopened.close() }
        #expect(reopened.observedStreamTime == 200)
        #expect(try reopened.fetch(b("k"), windowStart: 200) == b("v"))
        try reopened.put(b("k"), b("late"), windowStart: 100)
        #expect(try reopened.fetch(b("k"), windowStart: 100) == nil)
    }
}
