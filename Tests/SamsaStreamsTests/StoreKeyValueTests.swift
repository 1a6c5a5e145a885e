import Foundation
import Testing
@testable import SamsaStreams

@Suite struct StoreKeyValueTests {
    @Test(arguments: StoreBackend.allCases)
    func putGetDeleteAndOverwrite(_ backend: StoreBackend) throws {
        let dir = TempDir(); defer { dir.cleanup() }
        let store = try StoreFactory.keyValue(backend, dir)
        defer { store.close() }
        #expect(try store.get(b("a")) == nil)
        try store.put(b("a"), b("1"))
        try store.put(b("b"), b("2"))
        try store.put(b("a"), b("3"))
        #expect(try store.get(b("a")) == b("3"))
        try store.put(b("a"), nil)
        #expect(try store.get(b("a")) == nil)
        #expect(try store.all() == [KeyValueEntry(key: b("b"), value: b("2"))])
        #expect(store.persistent == (backend == .rocksdb))
        // An empty value is a value, not a delete.
        try store.put(b("e"), [])
        #expect(try store.get(b("e")) == [])
    }

    @Test(arguments: StoreBackend.allCases)
    func rangeBoundsAreInclusiveAndOpenWhenNil(_ backend: StoreBackend) throws {
        let dir = TempDir(); defer { dir.cleanup() }
        let store = try StoreFactory.keyValue(backend, dir)
        defer { store.close() }
        for k in ["a", "b", "c", "d"] { try store.put(b(k), b(k.uppercased())) }
        #expect(try store.range(from: b("b"), to: b("c")).map(\.key) == [b("b"), b("c")])
        #expect(try store.range(from: nil, to: b("b")).map(\.key) == [b("a"), b("b")])
        #expect(try store.range(from: b("c"), to: nil).map(\.key) == [b("c"), b("d")])
        #expect(try store.range(from: b("bb"), to: b("cc")).map(\.value) == [b("C")])
        #expect(try store.range(from: b("d"), to: b("a")) == [])
        #expect(try store.range(from: nil, to: nil).count == 4)
    }

    @Test(arguments: StoreBackend.allCases)
    func keysSortAsUnsignedBytes(_ backend: StoreBackend) throws {
        let dir = TempDir(); defer { dir.cleanup() }
        let store = try StoreFactory.keyValue(backend, dir)
        defer { store.close() }
        let keys: [[UInt8]] = [[0xFF], [0x80, 0x00], [0x01], [0x80], [0x7F], []]
        for k in keys { try store.put(k, [1]) }
        #expect(try store.all().map(\.key) == [[], [0x01], [0x7F], [0x80], [0x80, 0x00], [0xFF]])
        #expect(try store.range(from: [0x7F], to: [0x80]).map(\.key) == [[0x7F], [0x80]])
    }

    @Test(arguments: StoreBackend.allCases)
    func manyRandomKeysMatchASortedReference(_ backend: StoreBackend) throws {
        let dir = TempDir(); defer { dir.cleanup() }
        let store = try StoreFactory.keyValue(backend, dir)
        defer { store.close() }
        var reference: [[UInt8]: [UInt8]] = [:]
        var rng = SystemRandomNumberGenerator()
        for i in 0..<3000 {
            let key = (0..<Int.random(in: 1...4, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            if i % 7 == 0, let victim = reference.keys.first {
                reference[victim] = nil
                try store.put(victim, nil)
            }
            reference[key] = [UInt8(i & 0xFF)]
            try store.put(key, [UInt8(i & 0xFF)])
        }
        let expected = reference.keys.sorted { StoreBytes.compare($0, $1) < 0 }
        #expect(try store.all().map(\.key) == expected)
        for key in expected.prefix(200) { #expect(try store.get(key) == reference[key]) }
        if backend == .memory { #expect(store.approximateCount == expected.count) }
    }

    @Test func rocksDBKeepsDataAcrossCloseAndReopen() throws {
        let dir = TempDir(); defer { dir.cleanup() }
        let store = try RocksDBKeyValueStore(name: "counts", directory: dir.path)
        try store.put(b("kafka"), [0, 0, 0, 0, 0, 0, 0, 3])
        try store.put(b("gone"), b("x"))
        try store.put(b("gone"), nil)
        try store.flush()
        store.close()
        #expect(throws: StateStoreError.self) { try store.get(b("kafka")) }
        #expect(FileManager.default.fileExists(atPath: dir.path + "/rocksdb/counts/CURRENT"))
        let reopened = try RocksDBKeyValueStore(name: "counts", directory: dir.path)
        defer { reopened.close() }
        #expect(try reopened.get(b("kafka")) == [0, 0, 0, 0, 0, 0, 0, 3])
        #expect(try reopened.get(b("gone")) == nil)
    }

    @Test func corruptRocksDBIsOneSentenceAndDestroyClearsIt() throws {
        let dir = TempDir(); defer { dir.cleanup() }
        let store = try RocksDBKeyValueStore(name: "counts", directory: dir.path)
        try store.put(b("k"), b("v"))
        store.close()
        let current = RocksDBStores.path(directory: dir.path, name: "counts") + "/CURRENT"
        try Data("garbage".utf8).write(to: URL(fileURLWithPath: current))
        do {
            _ = try RocksDBKeyValueStore(name: "counts", directory: dir.path)
            Issue.record("a corrupt database opened")
        } catch let error as StateStoreError {
            #expect(error.description.hasPrefix("Cannot open the RocksDB state store at "))
            #expect(error.description.contains(dir.path + "/rocksdb/counts"))
            #expect(!error.description.contains("\n"))
            #expect(error.description.hasSuffix("."))
        }
        try RocksDBStores.destroy(directory: dir.path, name: "counts")
        let fresh = try RocksDBKeyValueStore(name: "counts", directory: dir.path)
        defer { fresh.close() }
        #expect(try fresh.all() == [])
    }
}

@Suite struct StoreConcurrencyTests {
    @Test(arguments: StoreBackend.allCases)
    func concurrentWritersAndReadersSeeConsistentStores(_ backend: StoreBackend) throws {
        let dir = TempDir(); defer { dir.cleanup() }
        let kv = try StoreFactory.keyValue(backend, dir)
        let window = try StoreFactory.window(backend, dir, retention: 1 << 40)
        defer { kv.close(); window.close() }
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for i in 0..<250 {
                try? kv.put(b("w\(worker)-\(i)"), b("\(i)"))
                try? window.put(b("w\(worker)"), b("\(i)"), windowStart: Int64(i))
                _ = try? kv.range(from: b("w\(worker)"), to: nil)
                _ = try? window.fetchAll(from: Int64(i), to: Int64(i) + 5)
            }
        }
        #expect(try kv.all().count == 1000)
        #expect(try window.all().count == 1000)
        #expect(try window.fetch(b("w2"), from: 100, to: 102).map(\.value) == [b("100"), b("101"), b("102")])
    }
}
