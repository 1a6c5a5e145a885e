import DequeModule
import SamsaProtocol
import Synchronization

/// Something that happened in the cluster, as the event log narrates it.
public struct ClusterEvent: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case brokerDown, brokerUp, brokerIsolated, brokerHealed, controllerElected
        case leaderElected, partitionOffline, isrShrunk, isrExpanded
        case highWatermarkMoved, followerTruncated
        case topicCreated, topicDeleted, partitionsAdded
        /// A topic's or broker's configs were altered (IncrementalAlterConfigs, AlterConfigs).
        case configChanged
        case transactionBegan, transactionCommitted, transactionAborted, producerFenced, transactionalIdExpired
    }

    /// Increases by one per event, so a reader can ask for what it has not seen yet.
    public var sequence: UInt64
    public var timeMs: Int64
    public var kind: Kind
    public var topicPartition: TopicPartition?
    public var brokerId: Int32?
    public var text: String
    /// For leader and in-sync set changes: which partitions changed alike, so a reader can fold one cause
    /// (a broker restart moving dozens of partitions) into one line.
    public var changed: ChangedPartitions?
}

/// Partitions of one topic that changed the same way: one partition (`topicPartition` names it) or, for an
/// internal topic's summary, `count` of them.
public struct ChangedPartitions: Sendable, Equatable {
    public var topic: String
    public var count: Int
    /// The size of the in-sync set after an in-sync set change.
    public var inSyncReplicaCount: Int?

    public init(topic: String, count: Int, inSyncReplicaCount: Int? = nil) {
        self.topic = topic
        self.count = count
        self.inSyncReplicaCount = inSyncReplicaCount
    }
}

/// The cluster's recent events in a ring buffer: producers of events never block on readers, and a
/// slow reader only misses the oldest ones. High watermark moves are coalesced per partition, at most
/// one per `highWatermarkInterval`, because they happen on every acknowledged write.
///
/// Thread-safety: internally synchronized.
public final class ClusterEvents: Sendable {
    public let capacity: Int
    let highWatermarkIntervalMs: Int64
    private let state: Mutex<State>

    struct State {
        var events = Deque<ClusterEvent>()
        var next: UInt64 = 1
        var lastHighWatermarkEvent: [TopicPartition: Int64] = [:]
    }

    public init(capacity: Int = 2000, highWatermarkIntervalMs: Int64 = 250) {
        self.capacity = capacity
        self.highWatermarkIntervalMs = highWatermarkIntervalMs
        state = Mutex(State())
    }

    public func record(_ kind: ClusterEvent.Kind, _ tp: TopicPartition? = nil, broker: Int32? = nil, changed: ChangedPartitions? = nil,
                       _ text: String, now: Int64 = currentTimeMillis()) {
        state.withLock { s in
            if kind == .highWatermarkMoved, let tp {
                if let last = s.lastHighWatermarkEvent[tp], now - last < highWatermarkIntervalMs { return }
                s.lastHighWatermarkEvent[tp] = now
            }
            s.events.append(ClusterEvent(sequence: s.next, timeMs: now, kind: kind, topicPartition: tp, brokerId: broker, text: text,
                                         changed: changed))
            s.next += 1
            if s.events.count > capacity { s.events.removeFirst() }
        }
    }

    /// Events with a sequence above `sequence` (0: all that are kept), oldest first.
    public func since(_ sequence: UInt64 = 0) -> [ClusterEvent] {
        state.withLock { s in
            guard let first = s.events.first else { return [] }
            if sequence < first.sequence { return Array(s.events) }
            return Array(s.events.dropFirst(Int(sequence - first.sequence + 1)))
        }
    }

    /// The sequence of the newest event (0 if none yet).
    public var latestSequence: UInt64 { state.withLock { $0.next - 1 } }
}
