import Foundation
@testable import SamsaStreams

/// The two implementations every store behaviour test runs against.
enum StoreBackend: String, CaseIterable, Sendable, CustomStringConvertible {
    case memory, rocksdb
    var description: String { rawValue }
}

/// A fresh temporary directory, removed by `cleanup()`.
struct TempDir {
    let path: String
    init() {
        path = NSTemporaryDirectory() + "samsa-store-test-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func cleanup() { try? FileManager.default.removeItem(atPath: path) }
}

enum StoreFactory {
    static func keyValue(_ backend: StoreBackend, _ dir: TempDir, name: String = "kv") throws -> KeyValueTableStore {
        switch backend {
        case .memory: return InMemoryKeyValueStore(name: name)
        case .rocksdb: return try RocksDBKeyValueStore(name: name, directory: dir.path)
        }
    }

    static func window(_ backend: StoreBackend, _ dir: TempDir, name: String = "win", size: Int64 = 10,
                       retention: Int64 = 100, duplicates: Bool = false) throws -> WindowTableStore {
        switch backend {
        case .memory:
            return InMemoryWindowStore(name: name, windowSizeMs: size, retentionMs: retention, retainDuplicates: duplicates)
        case .rocksdb:
            return try RocksDBWindowStore(name: name, directory: dir.path, windowSizeMs: size, retentionMs: retention,
                                          retainDuplicates: duplicates)
        }
    }

    static func session(_ backend: StoreBackend, _ dir: TempDir, name: String = "sess",
                        retention: Int64 = 100) throws -> SessionTableStore {
        switch backend {
        case .memory: return InMemorySessionStore(name: name, retentionMs: retention)
        case .rocksdb: return try RocksDBSessionStore(name: name, directory: dir.path, retentionMs: retention)
        }
    }
}

func b(_ s: String) -> [UInt8] { Array(s.utf8) }
