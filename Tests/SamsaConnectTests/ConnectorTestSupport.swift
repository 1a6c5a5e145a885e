import Foundation
import SamsaProtocol
import Synchronization
@testable import SamsaConnect

/// A source task context whose offset storage is a fixed map (what the runtime would have committed).
final class ConnectorFixtureSourceContext: SourceTaskContext {
    let configs: [String: String]
    let stored: [SourceMap: SourceMap]
    init(configs: [String: String] = [:], stored: [SourceMap: SourceMap] = [:]) {
        self.configs = configs
        self.stored = stored
    }
    func offset(for partition: SourceMap) -> SourceMap? { stored[partition] }
    func offsets(for partitions: [SourceMap]) -> [SourceMap: SourceMap] {
        partitions.reduce(into: [:]) { out, p in if let o = stored[p] { out[p] = o } }
    }
}

/// A sink task context that keeps what was reported as errant (and throws when `tolerate` is false, as the
/// runtime does with `errors.tolerance=none`).
final class ConnectorFixtureSinkContext: SinkTaskContext {
    let configs: [String: String]
    let tolerate: Bool
    private let reportedRecords = Mutex<[String]>([])
    init(configs: [String: String] = [:], tolerate: Bool = false) {
        self.configs = configs
        self.tolerate = tolerate
    }
    var assignment: [TopicPartition] { [] }
    var reported: [String] { reportedRecords.withLock { $0 } }
    func offset(_ partition: TopicPartition, _ offset: Int64) {}
    func pause(_ partitions: [TopicPartition]) {}
    func resume(_ partitions: [TopicPartition]) {}
    func requestCommit() {}
    func report(_ record: ConnectRecord, error: Error) async throws {
        reportedRecords.withLock { $0.append("\(record.kafkaOffset ?? -1): \(error)") }
        if !tolerate { throw error }
    }
}

final class ConnectorFixtureContext: ConnectorContext {
    func requestTaskReconfiguration() {}
    func raiseError(_ error: Error) {}
}

/// Shared helpers of the connector tests.
enum ConnectorFixtures {
    /// A fresh scratch directory under the system temp dir.
    static func scratchDirectory(_ name: String = #function) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("samsa-connectors-\(name.filter(\.isLetter))-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func sinkRecord(topic: String = "t", offset: Int64, keySchema: ConnectSchema? = nil, key: ConnectValue = .null,
                    valueSchema: ConnectSchema?, value: ConnectValue) -> ConnectRecord {
        ConnectRecord(topic: topic, kafkaPartition: 0, keySchema: keySchema, key: key, valueSchema: valueSchema, value: value,
                      kafkaOffset: offset, timestamp: 1_700_000_000_000, timestampType: .createTime)
    }

    /// Polls until `count` records arrived or the (generous) deadline passed.
    static func pollRecords(_ task: SourceTask, count: Int, deadline: Duration = .seconds(20)) async throws -> [ConnectRecord] {
        var out: [ConnectRecord] = []
        let end = ContinuousClock.now + deadline
        while out.count < count && ContinuousClock.now < end {
            if let batch = try await task.poll() { out += batch }
        }
        return out
    }
}
