import Foundation

/// Measures restore speed into a RocksDB key-value store: `records` changelog records (keys `key-<n>` over
/// `distinctKeys`, 8-byte values) applied in batches of `batchSize`, as the runtime applies each fetched batch.
/// For BENCHMARKS.md (`restore speed (records/s) from the changelog`); tests never time anything.
public enum RestoreBenchmark {
    public struct Result: Sendable {
        public var records: Int
        public var seconds: Double
        public var recordsPerSecond: Double { seconds > 0 ? Double(records) / seconds : 0 }
    }

    public static func rocksDBKeyValue(records: Int = 1_000_000, distinctKeys: Int = 100_000, batchSize: Int = 10_000,
                                       directory: String) throws -> Result {
        let store = try RocksDBKeyValueStore(name: "restore-benchmark", directory: directory)
        defer {
            store.close()
            try? RocksDBStores.destroy(directory: directory, name: "restore-benchmark")
        }
        var batch: [ChangelogRecord] = []
        batch.reserveCapacity(batchSize)
        let started = DispatchTime.now().uptimeNanoseconds
        for n in 0..<records {
            var value: [UInt8] = []
            StoreBytes.appendInt64(Int64(n), to: &value)
            batch.append((Array("key-\(n % distinctKeys)".utf8), value, Int64(n)))
            if batch.count == batchSize {
                try store.restore(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { try store.restore(batch) }
        try store.flush()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        return Result(records: records, seconds: seconds)
    }
}
