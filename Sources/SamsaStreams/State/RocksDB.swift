import CRocksDB
import Foundation

/// A failure of the local state (a store, checkpoint or state directory), as one sentence naming the path.
public struct StateStoreError: Error, CustomStringConvertible, Sendable, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// A RocksDB database through Debian's C API, tuned as Kafka Streams' `RocksDBStore` tunes it (no
/// compression, universal compaction, bloom filters, 16 MB write buffers; a smaller block cache for a
/// workbench), writing with the WAL disabled: the changelog is the source of truth and `flush()` runs
/// before each checkpoint.
///
/// Thread-safety: none of its own; the store that owns it keeps it under a `Mutex`.
final class RocksDB {
    let path: String
    private var db: OpaquePointer?
    private let options: OpaquePointer
    private let tableOptions: OpaquePointer
    private let cache: OpaquePointer
    private let writeOptions: OpaquePointer
    private let readOptions: OpaquePointer

    init(path: String) throws {
        self.path = path
        options = rocksdb_options_create()
        rocksdb_options_set_create_if_missing(options, 1)
        rocksdb_options_increase_parallelism(options, 2)
        rocksdb_options_set_compression(options, Int32(rocksdb_no_compression))
        rocksdb_options_set_write_buffer_size(options, 16 << 20)
        rocksdb_options_set_max_write_buffer_number(options, 3)
        rocksdb_options_set_compaction_style(options, Int32(rocksdb_universal_compaction))
        rocksdb_options_set_info_log_level(options, 3)  // ERROR, as Kafka Streams sets it
        rocksdb_options_set_keep_log_file_num(options, 1)
        rocksdb_options_set_max_open_files(options, 256)
        tableOptions = rocksdb_block_based_options_create()
        cache = rocksdb_cache_create_lru(8 << 20)
        rocksdb_block_based_options_set_block_cache(tableOptions, cache)
        rocksdb_block_based_options_set_block_size(tableOptions, 4096)
        rocksdb_block_based_options_set_filter_policy(tableOptions, rocksdb_filterpolicy_create_bloom(10))
        rocksdb_options_set_block_based_table_factory(options, tableOptions)
        writeOptions = rocksdb_writeoptions_create()
        rocksdb_writeoptions_disable_WAL(writeOptions, 1)
        readOptions = rocksdb_readoptions_create()
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            // Every property is set, so deinit releases the options of a database that did not open.
            throw StateStoreError("Cannot create the state store directory \(path): \(error.localizedDescription)")
        }
        var err: UnsafeMutablePointer<CChar>?
        db = rocksdb_open(options, path, &err)
        if let message = Self.take(err) {
            throw StateStoreError("Cannot open the RocksDB state store at \(path): \(Self.sentence(message))")
        }
    }

    deinit {
        close()
        releaseOptions()
    }

    private func releaseOptions() {
        rocksdb_readoptions_destroy(readOptions)
        rocksdb_writeoptions_destroy(writeOptions)
        rocksdb_options_destroy(options)
        rocksdb_block_based_options_destroy(tableOptions)
        rocksdb_cache_destroy(cache)
    }

    /// The error text RocksDB allocated, freed; nil when there was none.
    private static func take(_ err: UnsafeMutablePointer<CChar>?) -> String? {
        guard let err else { return nil }
        defer { rocksdb_free(err) }
        return String(cString: err)
    }

    /// RocksDB's message on one line, ending as a sentence.
    private static func sentence(_ message: String) -> String {
        let line = message.split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.hasSuffix(".") ? line : line + "."
    }

    private func handle() throws -> OpaquePointer {
        guard let db else { throw StateStoreError("The RocksDB state store at \(path) is closed.") }
        return db
    }

    private func check(_ err: UnsafeMutablePointer<CChar>?, _ doing: String) throws {
        if let message = Self.take(err) {
            throw StateStoreError("Cannot \(doing) the RocksDB state store at \(path): \(Self.sentence(message))")
        }
    }

    func get(_ key: [UInt8]) throws -> [UInt8]? {
        let db = try handle()
        var length = 0
        var err: UnsafeMutablePointer<CChar>?
        let value = key.withUnsafeBufferPointer { k in
            k.withMemoryRebound(to: CChar.self) { rocksdb_get(db, readOptions, $0.baseAddress, k.count, &length, &err) }
        }
        try check(err, "read")
        guard let value else { return nil }
        defer { rocksdb_free(value) }
        return value.withMemoryRebound(to: UInt8.self, capacity: length) { Array(UnsafeBufferPointer(start: $0, count: length)) }
    }

    /// Applies puts (non-nil), deletes (nil) and range deletes in one atomic write batch.
    func write(_ batch: [(key: [UInt8], value: [UInt8]?)], deleteRange: (from: [UInt8], until: [UInt8])? = nil) throws {
        let db = try handle()
        let wb = rocksdb_writebatch_create()
        defer { rocksdb_writebatch_destroy(wb) }
        for (key, value) in batch {
            key.withUnsafeBufferPointer { k in
                k.withMemoryRebound(to: CChar.self) { kp in
                    if let value {
                        value.withUnsafeBufferPointer { v in
                            v.withMemoryRebound(to: CChar.self) { rocksdb_writebatch_put(wb, kp.baseAddress, kp.count, $0.baseAddress, $0.count) }
                        }
                    } else {
                        rocksdb_writebatch_delete(wb, kp.baseAddress, kp.count)
                    }
                }
            }
        }
        if let (from, until) = deleteRange {
            from.withUnsafeBufferPointer { f in
                f.withMemoryRebound(to: CChar.self) { fp in
                    until.withUnsafeBufferPointer { u in
                        u.withMemoryRebound(to: CChar.self) { rocksdb_writebatch_delete_range(wb, fp.baseAddress, fp.count, $0.baseAddress, $0.count) }
                    }
                }
            }
        }
        var err: UnsafeMutablePointer<CChar>?
        rocksdb_write(db, writeOptions, wb, &err)
        try check(err, "write to")
    }

    /// Calls `body` for each entry from the first key >= `from` (or the first) until it returns false.
    func scan(from: [UInt8]?, _ body: ([UInt8], [UInt8]) throws -> Bool) throws {
        let db = try handle()
        let it = rocksdb_create_iterator(db, readOptions)
        defer { rocksdb_iter_destroy(it) }
        if let from {
            from.withUnsafeBufferPointer { f in f.withMemoryRebound(to: CChar.self) { rocksdb_iter_seek(it, $0.baseAddress, $0.count) } }
        } else {
            rocksdb_iter_seek_to_first(it)
        }
        while rocksdb_iter_valid(it) != 0 {
            var keyLength = 0, valueLength = 0
            let k = rocksdb_iter_key(it, &keyLength)!
            let v = rocksdb_iter_value(it, &valueLength)
            let key = k.withMemoryRebound(to: UInt8.self, capacity: keyLength) { Array(UnsafeBufferPointer(start: $0, count: keyLength)) }
            let value = v.map { p in p.withMemoryRebound(to: UInt8.self, capacity: valueLength) { Array(UnsafeBufferPointer(start: $0, count: valueLength)) } } ?? []
            if try !body(key, value) { break }
            rocksdb_iter_next(it)
        }
        var err: UnsafeMutablePointer<CChar>?
        rocksdb_iter_get_error(it, &err)
        try check(err, "read")
    }

    /// Writes the memtables to SST files, so what was written survives a crash (the WAL is off).
    func flush() throws {
        let db = try handle()
        let fo = rocksdb_flushoptions_create()
        defer { rocksdb_flushoptions_destroy(fo) }
        rocksdb_flushoptions_set_wait(fo, 1)
        var err: UnsafeMutablePointer<CChar>?
        rocksdb_flush(db, fo, &err)
        try check(err, "flush")
    }

    var estimatedKeys: Int {
        guard let db else { return 0 }
        var count: UInt64 = 0
        return rocksdb_property_int(db, "rocksdb.estimate-num-keys", &count) == 0 ? Int(count) : 0
    }

    /// Flushes and closes; later calls throw "closed". Safe to call twice.
    func close() {
        guard db != nil else { return }
        try? flush()
        rocksdb_close(db)
        db = nil
    }

    /// Deletes a database's files (for a corrupt store the runtime will restore from its changelog).
    static func destroy(path: String) throws {
        let options = rocksdb_options_create()
        defer { rocksdb_options_destroy(options) }
        var err: UnsafeMutablePointer<CChar>?
        rocksdb_destroy_db(options, path, &err)
        if let message = take(err) {
            throw StateStoreError("Cannot delete the RocksDB state store at \(path): \(sentence(message))")
        }
        try? FileManager.default.removeItem(atPath: path)
    }
}
