import Foundation
import Testing
@testable import SamsaStreams

/// Prints the restore speed into RocksDB; runs only with SAMSA_RESTORE_BENCH=1 (tests never time anything).
@Test(.enabled(if: ProcessInfo.processInfo.environment["SAMSA_RESTORE_BENCH"] == "1"))
func storeRestoreBenchmark() throws {
    let dir = TempDir(); defer { dir.cleanup() }
    let result = try RestoreBenchmark.rocksDBKeyValue(directory: dir.path)
    print("restore: \(result.records) records in \(String(format: "%.2f", result.seconds)) s = \(Int(result.recordsPerSecond)) records/s")
    #expect(result.records == 1_000_000)
}
