import Foundation
import SamsaClient
import SamsaProtocol

/// Records processed per second over the last few seconds, from (time, total) samples.
struct RateTracker {
    var samples: [(time: ContinuousClock.Instant, total: Int64)] = []

    mutating func rate(total: Int64) -> Double {
        let now = ContinuousClock.now
        samples.append((now, total))
        samples.removeAll { now - $0.time > .seconds(5) }
        guard let first = samples.first, now > first.time else { return 0 }
        let seconds = Double((now - first.time).components.seconds) + Double((now - first.time).components.attoseconds) / 1e18
        return seconds > 0.2 ? Double(total - first.total) / seconds : 0
    }
}

extension KafkaStreams {
    /// The application as it is now: tasks with their partitions, threads and restore progress, stores with
    /// approximate counts and a few entries, rates, dropped records and input lag.
    public func snapshot() async -> StreamsSnapshot {
        let running = threads.withLock { $0 }
        let views = running.map { $0.published.withLock { $0 } }
        var tasks = views.flatMap(\.tasks)
        var stores: [StreamsSnapshot.StoreInfo] = []
        for view in views {
            for (name, byTask) in view.stores {
                let timestamped = storeSpec(name)?.holdsTimestampedValues ?? false
                for (task, store) in byTask { stores.append(Self.describe(store, name: name, task: task, timestamped: timestamped)) }
            }
        }
        if let global = globalThread.withLock({ $0 }) {
            let view = global.view()
            tasks.append(contentsOf: view.tasks)
            for (name, store) in view.stores { stores.append(Self.describe(store, name: name, task: GlobalStreamThread.taskId)) }
        }
        stores.sort { ($0.name, $0.task) < ($1.name, $1.task) }
        let total = views.reduce(0) { $0 + $1.processedTotal }
        let perSecond = rate.withLock { $0.rate(total: total) }
        var dropped: [DroppedRecordReason: Int64] = [:]
        for view in views { dropped.merge(view.dropped) { $0 + $1 } }
        var lag: [TopicPartition: Int64] = [:]
        for (thread, view) in zip(running, views) {
            for tp in view.sourcePartitions {
                guard let position = thread.consumer.position(tp) else { continue }
                let isolation: IsolationLevel = config.exactlyOnce ? .readCommitted : .readUncommitted
                if let end = try? await Admin(client: thread.client).listOffset(topic: tp.topic, partition: tp.partition, spec: -1, isolation: isolation) {
                    lag[tp] = max(end.offset - position, 0)
                }
            }
        }
        return StreamsSnapshot(applicationId: config.applicationId, state: state, topology: topology.description,
                               tasks: tasks.sorted { $0.id < $1.id }, stores: stores, processedTotal: total,
                               processedPerSecond: perSecond, dropped: dropped, inputLag: lag)
    }

    /// Stores larger than this show their count but no entries: finding the top ones means reading them all.
    static let topEntriesScanLimit = 50_000

    /// Counts and a few entries of a store for display; values of 8 bytes read as Longs (largest first).
    /// `timestamped`: a window store of `ValueAndTimestamp` values, shown without their timestamps.
    static func describe(_ store: StateStore, name: String, task: TaskId, timestamped: Bool = false) -> StreamsSnapshot.StoreInfo {
        var count = 0
        var entries: [(key: [UInt8], value: [UInt8])] = []
        switch store {
        case let kv as KeyValueStore:
            count = kv.approximateCount
            if count <= topEntriesScanLimit { entries = ((try? kv.all()) ?? []).map { ($0.key, $0.value) } }
        case let window as WindowStore:
            let all = (try? window.all()) ?? []
            count = all.count
            entries = all.map { ($0.key + Array("@\($0.windowStart)".utf8), timestamped ? (try? ValueAndTimestamp.decode($0.value).value) ?? $0.value : $0.value) }
        case let session as SessionStore:
            let all = (try? session.all()) ?? []
            count = all.count
            entries = all.map { ($0.key + Array("@\($0.start)-\($0.end)".utf8), $0.value) }
        default: break
        }
        if entries.allSatisfy({ $0.value.count == 8 }) {
            entries.sort { DisplayBytes.long($0.value) > DisplayBytes.long($1.value) }
        }
        let top = entries.prefix(5).map { (key: DisplayBytes.text($0.key), value: DisplayBytes.text($0.value)) }
        return StreamsSnapshot.StoreInfo(name: name, task: task, approximateCount: count, topEntries: Array(top))
    }
}

/// Bytes shown to a person: 8 bytes as a big-endian Long, printable UTF-8 as text, anything else as hex.
enum DisplayBytes {
    static func long(_ bytes: [UInt8]) -> Int64 {
        bytes.prefix(8).reduce(Int64(0)) { ($0 << 8) | Int64($1) }
    }

    static func text(_ bytes: [UInt8]) -> String {
        if bytes.count == 8, bytes.first.map({ $0 == 0 || $0 == 0xFF }) == true { return String(long(bytes)) }
        if let text = String(validating: bytes, as: UTF8.self), text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) {
            return text
        }
        return bytes.map { String(format: "%02x", $0) }.joined()
    }
}
