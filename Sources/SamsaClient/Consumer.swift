import NIOCore
import SamsaProtocol
import Synchronization

/// Reads assigned partitions from their leaders: long-poll fetches, one per leader at a time, with the
/// consumer's position per partition moving past each record returned.
///
/// Thread-safety: meant for one task at a time (like Kafka's consumer); state is nonetheless mutex-guarded.
public final class Consumer: Sendable {
    public let client: KafkaClient
    public let config: ConsumerConfig
    private let positions: Mutex<[TopicPartition: PartitionPosition]> = Mutex([:])

    enum PartitionPosition: Sendable, Equatable {
        case offset(Int64, leaderEpoch: Int32)
        case pending(StartPosition)
    }

    public init(client: KafkaClient, config: ConsumerConfig = ConsumerConfig()) {
        self.client = client
        self.config = config
    }

    /// Replaces the assignment; each partition starts at `start`.
    public func assign(_ partitions: [TopicPartition], from start: StartPosition) {
        positions.withLock { table in
            table = Dictionary(uniqueKeysWithValues: partitions.map { ($0, PartitionPosition.pending(start)) })
        }
    }

    /// Replaces the assignment; each partition starts where `starts` says.
    public func assign(_ starts: [TopicPartition: StartPosition]) {
        positions.withLock { table in table = starts.mapValues { PartitionPosition.pending($0) } }
    }

    /// Adds partitions keeping the others' positions.
    public func add(_ partitions: [TopicPartition], from start: StartPosition) {
        positions.withLock { table in for tp in partitions where table[tp] == nil { table[tp] = .pending(start) } }
    }

    public func remove(_ partitions: [TopicPartition]) {
        positions.withLock { table in for tp in partitions { table[tp] = nil } }
    }

    public var assignment: [TopicPartition] { positions.withLock { $0.keys.sorted() } }

    public func seek(_ tp: TopicPartition, to start: StartPosition) {
        positions.withLock { $0[tp] = .pending(start) }
    }

    /// The next offset to be read, once known (an explicit start offset counts as known).
    public func position(_ tp: TopicPartition) -> Int64? {
        switch positions.withLock({ $0[tp] }) {
        case .offset(let offset, _)?, .pending(.offset(let offset))?: return offset
        default: return nil
        }
    }

    /// Every partition of `topic`, from metadata.
    public func partitions(of topic: String) async throws -> [TopicPartition] {
        let info = try await client.topic(topic)
        return info.partitions.map { TopicPartition(topic, $0.partition) }
    }

    /// Returns the records available within `timeout`, possibly none.
    public func poll(timeout: Duration) async throws -> [ConsumerRecord] {
        let deadline = ContinuousClock.now + timeout
        while true {
            try await resolvePendingPositions()
            let remaining = deadline - ContinuousClock.now
            let waitMs = max(0, min(Int64(config.fetchMaxWaitMs), remaining.components.seconds * 1000
                                    + remaining.components.attoseconds / 1_000_000_000_000_000))
            let records = try await fetchOnce(maxWaitMs: Int32(waitMs))
            if !records.isEmpty || ContinuousClock.now >= deadline { return records }
        }
    }

    private func resolvePendingPositions() async throws {
        let pending = positions.withLock { table in table.compactMap { tp, position -> (TopicPartition, StartPosition)? in
            if case .pending(let start) = position { return (tp, start) }
            return nil
        } }
        let admin = Admin(client: client)
        let isolation = config.isolationLevel
        for (tp, start) in pending {
            func list(_ spec: Int64) async throws -> Int64 {
                try await admin.listOffset(topic: tp.topic, partition: tp.partition, spec: spec, isolation: isolation).offset
            }
            let offset: Int64
            switch start {
            case .offset(let value): offset = value
            case .beginning: offset = try await list(-2)
            case .end: offset = try await list(-1)
            case .timestamp(let ts):
                let found = try await list(ts)
                offset = found >= 0 ? found : try await list(-1)
            }
            positions.withLock { table in
                if table[tp] == .pending(start) { table[tp] = .offset(offset, leaderEpoch: -1) }
            }
        }
    }

    /// One round of fetches, concurrently to every leader involved.
    private func fetchOnce(maxWaitMs: Int32) async throws -> [ConsumerRecord] {
        let current = positions.withLock { table in table.compactMap { tp, position -> (TopicPartition, Int64, Int32)? in
            if case .offset(let offset, let epoch) = position { return (tp, offset, epoch) }
            return nil
        } }
        guard !current.isEmpty else {
            try await Task.sleep(for: .milliseconds(Int64(max(maxWaitMs, 10))))
            return []
        }
        var byLeader: [Int32: [(TopicPartition, Int64, Int32)]] = [:]
        var view = client.cluster
        for entry in current where view.leader(of: entry.0.topic, partition: entry.0.partition) == nil {
            view = try await client.refreshMetadata(topics: Array(Set(current.map(\.0.topic))))
            break
        }
        for entry in current {
            guard let leader = view.leader(of: entry.0.topic, partition: entry.0.partition) else { continue }
            byLeader[leader, default: []].append(entry)
        }
        if byLeader.isEmpty {
            try await Task.sleep(for: .milliseconds(100))
            return []
        }
        let snapshot = view
        let work = byLeader
        return try await withThrowingTaskGroup(of: [ConsumerRecord].self) { group in
            for (leader, entries) in work {
                group.addTask { try await self.fetch(from: leader, entries, maxWaitMs: maxWaitMs, view: snapshot) }
            }
            var all: [ConsumerRecord] = []
            for try await records in group { all.append(contentsOf: records) }
            return all
        }
    }

    private func fetch(from leader: Int32, _ entries: [(TopicPartition, Int64, Int32)], maxWaitMs: Int32,
                       view: ClusterView) async throws -> [ConsumerRecord] {
        let connection: BrokerConnection
        do {
            connection = try await client.connection(to: leader)
        } catch {
            _ = try? await client.refreshMetadata(topics: Array(Set(entries.map(\.0.topic))))
            try await Task.sleep(for: .milliseconds(200))
            return []
        }
        let version = try connection.version(for: FetchRequest.self)
        let useIds = version >= 13
        var topics: [String: [FetchRequest.Partition]] = [:]
        for (tp, offset, epoch) in entries {
            topics[tp.topic, default: []].append(.init(partition: tp.partition, currentLeaderEpoch: epoch, fetchOffset: offset,
                                                       partitionMaxBytes: config.maxPartitionFetchBytes))
        }
        var names: [KafkaUUID: String] = [:]
        let request = FetchRequest(
            maxWaitMs: maxWaitMs, minBytes: config.fetchMinBytes, maxBytes: config.fetchMaxBytes, isolationLevel: config.isolationLevel.rawValue,
            topics: topics.map { name, partitions in
                let id = view.topics[name]?.id ?? .zero
                names[id] = name
                return FetchRequest.Topic(topic: useIds ? "" : name, topicId: useIds ? id : .zero, partitions: partitions)
            })
        let response: FetchResponse
        do {
            response = try await connection.send(request, version: version)
        } catch {
            client.disconnect(leader)
            return []
        }
        var records: [ConsumerRecord] = []
        var refresh = false
        for topicResponse in response.responses {
            let topic = useIds ? names[topicResponse.topicId] ?? "" : topicResponse.topic
            for data in topicResponse.partitions {
                let tp = TopicPartition(topic, data.partitionIndex)
                guard let requested = entries.first(where: { $0.0 == tp }) else { continue }
                switch data.errorCode {
                case .none:
                    let (decoded, next) = try FetchedRecords.decode(data.records, tp: tp, from: requested.1, isolation: config.isolationLevel,
                                                                    aborted: data.abortedTransactions)
                    records.append(contentsOf: decoded)
                    positions.withLock { table in
                        if case .offset(let offset, let epoch)? = table[tp], offset == requested.1, next > offset {
                            table[tp] = .offset(next, leaderEpoch: decoded.last?.leaderEpoch ?? epoch)
                        }
                    }
                case .offsetOutOfRange:
                    guard let reset = config.autoOffsetReset else {
                        throw ClientError.broker(.offsetOutOfRange, "Offset \(requested.1) is out of range for \(tp).")
                    }
                    positions.withLock { $0[tp] = .pending(reset) }
                case .notLeaderOrFollower, .unknownTopicOrPartition, .leaderNotAvailable, .fencedLeaderEpoch,
                     .unknownLeaderEpoch, .unknownTopicId:
                    refresh = true
                    positions.withLock { table in
                        if case .offset(let offset, _)? = table[tp] { table[tp] = .offset(offset, leaderEpoch: -1) }
                    }
                default:
                    throw ClientError.authorization(data.errorCode, "Read", topic: tp.topic) ?? ClientError.broker(data.errorCode, "Fetching \(tp) failed.")
                }
            }
        }
        if refresh {
            _ = try? await client.refreshMetadata(topics: Array(topics.keys))
            try await Task.sleep(for: .milliseconds(50))
        }
        return records
    }
}
