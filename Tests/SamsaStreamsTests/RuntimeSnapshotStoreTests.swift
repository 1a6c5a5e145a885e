import Foundation
import Testing
@testable import SamsaStreams

/// What the snapshot shows of a store: the workbench and `samsa streams` print it to people.
@Suite struct RuntimeSnapshotStoreTests {
    @Test func keyCountIsExactForAStoreItHasReadWhole() throws {
        let directory = NSTemporaryDirectory() + "samsa-snapshot-store-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try KeyValueTableStore(name: "counts", directory: directory)
        defer { store.close() }
        // A word counted many times is one key, however often RocksDB saw it written.
        for count in 1...20 { try store.put(Array("kafka".utf8), try Serdes.long.serialize(Int64(count))) }
        try store.put(Array("lead".utf8), try Serdes.long.serialize(1))
        let info = KafkaStreams.describe(store, name: "counts", task: TaskId(subtopology: 1, partition: 0))
        #expect(info.approximateCount == 2)
        #expect(info.topEntries.map(\.key) == ["kafka", "lead"])
        #expect(info.topEntries.map(\.value) == ["20", "1"])
    }
}
