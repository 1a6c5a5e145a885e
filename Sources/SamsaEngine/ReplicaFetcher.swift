import Logging
import NIOCore
import SamsaProtocol
import Synchronization

/// The follower side of replication for one broker, like Kafka's replica fetcher threads: one fetch
/// session per leader broker, each long-polling the leader through the same fetch path consumers use,
/// with this broker's id as replica id, so the leader learns each follower's log end from its fetches.
///
/// Thread-safety: the set of followed partitions sits behind a mutex; every session runs its disk work on
/// one serial queue (this broker's replica fetcher thread).
final class ReplicaFetcher: Sendable {
    let brokerId: Int32
    let logger: Logger
    private let state: Mutex<State> = Mutex(State())

    struct State {
        weak var cluster: Cluster?
        var loops: (any EventLoopGroup)?
        /// This broker's replica fetcher thread: every session's disk work runs here.
        var queue: SerialWorkQueue?
        /// Followed partition → its leader.
        var followed: [TopicPartition: Int32] = [:]
        /// Partitions that must check for a divergent tail before their next fetch (KIP-101).
        var truncationPending: Set<TopicPartition> = []
        var sessions: [Int32: FetchSession] = [:]
    }

    init(brokerId: Int32, logger: Logger) {
        self.brokerId = brokerId
        self.logger = logger
    }

    func start(cluster: Cluster, loops: any EventLoopGroup) {
        state.withLock {
            $0.cluster = cluster
            $0.loops = loops
            if $0.queue == nil { $0.queue = cluster.scheduler.makeSerialQueue(label: "samsa.replica-fetcher-\(brokerId)") }
        }
    }

    /// Follows `leader` for `tp` from now on; a new leader means the tail must be checked for divergence.
    func follow(_ tp: TopicPartition, leader: Int32) {
        let session = state.withLock { s -> FetchSession? in
            s.followed[tp] = leader
            s.truncationPending.insert(tp)
            return startSessionIfNeeded(&s, leader: leader)
        }
        session?.start()
    }

    func remove(_ partitions: [TopicPartition]) {
        state.withLock { s in
            for tp in partitions {
                s.followed[tp] = nil
                s.truncationPending.remove(tp)
            }
        }
    }

    /// Stops every session (the broker goes down); followed partitions are forgotten.
    func stop() {
        state.withLock { s in
            s.followed.removeAll()
            s.truncationPending.removeAll()
            s.sessions.removeAll()
        }
    }

    private func startSessionIfNeeded(_ s: inout State, leader: Int32) -> FetchSession? {
        guard s.sessions[leader] == nil, let loops = s.loops, let queue = s.queue else { return nil }
        let session = FetchSession(fetcher: self, leaderId: leader, eventLoop: loops.next(), queue: queue)
        s.sessions[leader] = session
        return session
    }

    /// What a session for `leader` should fetch now; nil ends the session (nothing left to follow from it).
    func work(for session: FetchSession) -> (cluster: Cluster, partitions: [TopicPartition], truncate: [TopicPartition])? {
        state.withLock { s in
            let partitions = s.followed.filter { $0.value == session.leaderId }.map(\.key)
            guard s.sessions[session.leaderId] === session, !partitions.isEmpty, let cluster = s.cluster else {
                if s.sessions[session.leaderId] === session { s.sessions[session.leaderId] = nil }
                return nil
            }
            let truncate = partitions.filter { s.truncationPending.contains($0) }
            return (cluster, partitions, truncate)
        }
    }

    func isCurrent(_ session: FetchSession) -> Bool {
        state.withLock { $0.sessions[session.leaderId] === session }
    }

    func truncationDone(_ tp: TopicPartition) {
        _ = state.withLock { $0.truncationPending.remove(tp) }
    }

    /// Replays the truncation check (e.g. the leader's log moved under us: offset out of range).
    func needsTruncation(_ tp: TopicPartition) {
        _ = state.withLock { $0.truncationPending.insert(tp) }
    }
}
