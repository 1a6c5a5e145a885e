import NIOCore
import SamsaProtocol
import SamsaStorage

/// One follower's fetch loop against one leader broker: check for divergence where needed, fetch from
/// the follower's log end (long-polling, so new data arrives within a millisecond of its append), append,
/// repeat. Like Kafka's replica fetcher thread, all its disk work (truncation, appends, and the leader's
/// reads on its behalf) runs on its fetcher's queue, never on an event loop; `eventLoop` only times the
/// long poll. It has no mutable state: each round reads what to do from its fetcher.
final class FetchSession: Sendable {
    let leaderId: Int32
    let eventLoop: EventLoop
    let queue: SerialWorkQueue
    private weak let fetcher: ReplicaFetcher?
    /// How long to wait before retrying when the leader cannot be reached.
    static let retryBackoffMs: Int64 = 100
    static let maxWaitMs: Int32 = 500

    init(fetcher: ReplicaFetcher, leaderId: Int32, eventLoop: EventLoop, queue: SerialWorkQueue) {
        self.fetcher = fetcher
        self.leaderId = leaderId
        self.eventLoop = eventLoop
        self.queue = queue
    }

    func start() {
        queue.execute { self.runOnce() }
    }

    private func again(afterMs delay: Int64) {
        queue.execute(afterMs: delay) { self.runOnce() }
    }

    private func runOnce() {
        queue.assertOnQueue()
        guard let fetcher, let work = fetcher.work(for: self) else { return }
        let cluster = work.cluster
        guard let follower = cluster.broker(fetcher.brokerId), let leader = cluster.broker(leaderId),
              follower.isReachable, leader.isReachable else {
            again(afterMs: Self.retryBackoffMs)
            return
        }
        for tp in work.truncate {
            guard let replica = follower.partition(tp), let leaderReplica = leader.partition(tp), leaderReplica.isLeader else { continue }
            truncateDivergentTail(replica, leader: leaderReplica, cluster: cluster)
            fetcher.truncationDone(tp)
        }
        var targets: [FetchTarget] = []
        for tp in work.partitions {
            guard let replica = follower.partition(tp), !replica.isLeader else { continue }
            targets.append(FetchTarget(tp, fetchOffset: replica.logEndOffset, maxBytes: 1 << 20,
                                       currentLeaderEpoch: replica.leaderEpoch, logStartOffset: replica.logStartOffset))
        }
        guard !targets.isEmpty else {
            again(afterMs: Self.retryBackoffMs)
            return
        }
        let parameters = FetchParameters(replicaId: fetcher.brokerId, maxWaitMs: Self.maxWaitMs, minBytes: 1, maxBytes: 10 << 20)
        // The answer comes on this queue (now, or when the parked fetch completes): handle it right there.
        leader.fetch(parameters, targets, in: cluster, timingOn: eventLoop, executor: queue) { [self] fetched in
            handle(fetched, follower: follower, leader: leader, cluster: cluster)
        }
    }

    private func handle(_ fetched: [FetchedPartition], follower: Broker, leader: Broker, cluster: Cluster) {
        queue.assertOnQueue()
        // A session the broker dropped meanwhile (it went down) must not write into its new replicas.
        guard self.fetcher?.isCurrent(self) == true else { return }
        // Data that crossed a network partition while the fetch was parked is dropped, as the wire would.
        guard follower.isReachable, leader.isReachable else {
            again(afterMs: Self.retryBackoffMs)
            return
        }
        var retryLater = false
        for partition in fetched { retryLater = apply(partition, on: follower, cluster: cluster) || retryLater }
        again(afterMs: retryLater ? Self.retryBackoffMs : Int64(follower.fetchDelayMs.load(ordering: .relaxed)))
    }

    /// Applies one partition's fetched data; returns true when the session should back off.
    private func apply(_ fetched: FetchedPartition, on follower: Broker, cluster: Cluster) -> Bool {
        guard let replica = follower.partition(fetched.topicPartition) else { return false }
        switch fetched.error {
        case .none:
            do {
                try replica.appendFromLeader(fetched.records ?? ByteBuffer(), leaderHighWatermark: fetched.highWatermark,
                                             now: currentTimeMillis())
                // DeleteRecords at the leader reaches this replica through the log start its answers carry.
                try replica.followLogStart(fetched.logStartOffset)
            } catch {
                // Offsets that do not line up: the leader's log changed under us; check for divergence again.
                fetcher?.logger.warning("Replica \(fetched.topicPartition) could not append from broker \(leaderId): \(error)")
                fetcher?.needsTruncation(fetched.topicPartition)
                return true
            }
            return false
        case .offsetOutOfRange:
            // The leader deleted what we would fetch next (retention): start over at its log start.
            do {
                try StorageErrors.mapped { try replica.log.truncateFullyAndStart(at: fetched.logStartOffset) }
            } catch {
                fetcher?.logger.error("Replica \(fetched.topicPartition) could not restart at \(fetched.logStartOffset): \(error)")
            }
            return false
        default:
            // Leadership is moving (NOT_LEADER, FENCED/UNKNOWN_LEADER_EPOCH): the controller will reassign us.
            return true
        }
    }

    /// KIP-101: ask the leader where our latest epoch ends in its log and cut everything after it here.
    private func truncateDivergentTail(_ replica: Partition, leader: Partition, cluster: Cluster) {
        var target = replica.highWatermark
        if let epoch = replica.latestEpoch {
            let (leaderEpoch, leaderEnd) = leader.log.endOffset(forEpoch: epoch)
            if leaderEnd >= 0 {
                // If the leader only knows an earlier epoch, our end of that epoch bounds the common prefix too.
                let ownEnd = leaderEpoch < epoch ? replica.log.endOffset(forEpoch: leaderEpoch).endOffset : replica.logEndOffset
                target = min(leaderEnd, ownEnd >= 0 ? ownEnd : replica.logEndOffset)
            }
        } else {
            target = min(replica.logEndOffset, leader.logEndOffset)
        }
        do {
            let removed = try replica.truncate(to: max(target, replica.logStartOffset))
            if removed > 0 {
                cluster.events.record(.followerTruncated, replica.topicPartition,
                                      "Broker \(replica.brokerId) cut \(removed) record(s) of \(replica.topicPartition) that leader \(leaderId) does not have")
            }
        } catch {
            fetcher?.logger.error("Truncating \(replica.topicPartition) failed: \(error)")
        }
    }
}
