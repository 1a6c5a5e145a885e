import Foundation

/// Everything the workbench shows, as one immutable value. A source builds a new snapshot whenever the
/// cluster changes and bumps `version`; the TUI redraws only when the version (or its own state) changes.
///
/// Ordering contract: `topics` sorted by name, `groups` by id, `brokers` by id, `events` and `tail` oldest
/// first. Sources should cap `events` and `tail` (a few hundred entries each) so snapshots stay cheap.
public struct WorkbenchSnapshot: Sendable, Equatable {
    /// Increases whenever any other field changes.
    public let version: UInt64
    public let clusterId: String
    public let mode: WorkbenchMode
    public let brokers: [BrokerStatus]
    public let topics: [TopicStatus]
    public let groups: [GroupStatus]
    /// Recent cluster events, oldest first.
    public let events: [ClusterEvent]
    /// Records read by consumers started from the workbench, oldest first.
    public let tail: [TailRecord]
    /// Consumers started from the workbench that are still running.
    public let consumers: [WorkbenchConsumer]
    /// Transactional producers the coordinators know, sorted by transactional id.
    public let transactions: [TransactionStatus]
    /// Streams applications started from the workbench, sorted by application id. (Others on the cluster
    /// show through their consumer groups: see `StreamsApplication.all(in:)`.)
    public let streams: [WorkbenchStreamsApp]
    /// The Connect worker the workbench runs (``WorkbenchConnect/none`` until it is used).
    public let connect: WorkbenchConnect
    /// Attach mode: set while the cluster does not answer (the rest is then the last view read).
    public let notAnswering: NotAnswering?

    public init(version: UInt64, clusterId: String, mode: WorkbenchMode, brokers: [BrokerStatus] = [],
                topics: [TopicStatus] = [], groups: [GroupStatus] = [], events: [ClusterEvent] = [],
                tail: [TailRecord] = [], consumers: [WorkbenchConsumer] = [], transactions: [TransactionStatus] = [],
                streams: [WorkbenchStreamsApp] = [], connect: WorkbenchConnect = .none,
                notAnswering: NotAnswering? = nil) {
        self.version = version
        self.clusterId = clusterId
        self.mode = mode
        self.brokers = brokers
        self.topics = topics
        self.groups = groups
        self.events = events
        self.tail = tail
        self.consumers = consumers
        self.transactions = transactions
        self.streams = streams
        self.connect = connect
        self.notAnswering = notAnswering
    }

    /// The same content under another version (publishers number what they publish).
    public func numbered(_ version: UInt64) -> WorkbenchSnapshot {
        WorkbenchSnapshot(version: version, clusterId: clusterId, mode: mode, brokers: brokers, topics: topics, groups: groups,
                          events: events, tail: tail, consumers: consumers, transactions: transactions, streams: streams,
                          connect: connect, notAnswering: notAnswering)
    }

    /// A snapshot with nothing in it, shown until the source produces its first one.
    public static let empty = WorkbenchSnapshot(version: 0, clusterId: "", mode: .embedded)

    public var controller: BrokerStatus? { brokers.first { $0.isController } }
    public func topic(named name: String) -> TopicStatus? { topics.first { $0.name == name } }
    public func group(id: String) -> GroupStatus? { groups.first { $0.id == id } }
    public func transaction(id: String) -> TransactionStatus? { transactions.first { $0.transactionalId == id } }
    public func streamsApp(id: String) -> WorkbenchStreamsApp? { streams.first { $0.applicationId == id } }
}

/// Whether the workbench runs its own cluster (and may inject faults) or is attached to someone else's.
public enum WorkbenchMode: Sendable, Equatable {
    /// The embedded cluster: the fault menu (kill, stop, start, isolate, heal, elect) is offered.
    case embedded
    /// Attached over the wire to `bootstrap` ("HOST:PORT"): no fault menu.
    case attached(bootstrap: String)

    public var offersFaults: Bool {
        if case .embedded = self { return true }
        return false
    }
}
