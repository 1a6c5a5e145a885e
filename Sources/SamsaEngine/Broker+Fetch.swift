import NIOCore
import SamsaProtocol
import SamsaStorage
import Synchronization

public struct FetchParameters: Sendable {
    /// -1 for consumers; a broker id for follower fetches.
    public var replicaId: Int32
    public var maxWaitMs: Int32
    public var minBytes: Int32
    /// Budget for the whole response (KIP-74: the first batch is returned even if larger).
    public var maxBytes: Int32
    /// 0 read_uncommitted (to the high watermark), 1 read_committed (to the last stable offset, with the
    /// aborted transactions listed). Replicas always read to the log end.
    public var isolationLevel: Int8

    public init(replicaId: Int32 = -1, maxWaitMs: Int32, minBytes: Int32, maxBytes: Int32, isolationLevel: Int8 = 0) {
        self.replicaId = replicaId
        self.maxWaitMs = maxWaitMs
        self.minBytes = minBytes
        self.maxBytes = maxBytes
        self.isolationLevel = isolationLevel
    }

    /// A consumer's read_committed fetch.
    var readCommitted: Bool { replicaId < 0 && isolationLevel == 1 }
}

public struct FetchTarget: Sendable {
    public var topicPartition: TopicPartition
    public var fetchOffset: Int64
    public var maxBytes: Int32
    public var currentLeaderEpoch: Int32
    /// A follower's own log start (-1 from consumers), so the leader knows when DeleteRecords has reached it.
    public var logStartOffset: Int64

    public init(_ topicPartition: TopicPartition, fetchOffset: Int64, maxBytes: Int32, currentLeaderEpoch: Int32 = -1,
                logStartOffset: Int64 = -1) {
        self.topicPartition = topicPartition
        self.fetchOffset = fetchOffset
        self.maxBytes = maxBytes
        self.currentLeaderEpoch = currentLeaderEpoch
        self.logStartOffset = logStartOffset
    }
}

public struct FetchedPartition: Sendable {
    public var topicPartition: TopicPartition
    public var error: ErrorCode
    public var highWatermark: Int64 = -1
    public var lastStableOffset: Int64 = -1
    public var logStartOffset: Int64 = -1
    public var records: ByteBuffer?
    /// A consumer's records still in their segment file (sent with sendfile), instead of `records`.
    public var fileRecords: FileRecords?
    /// For read_committed: the aborted transactions overlapping the records returned; nil otherwise.
    public var abortedTransactions: [AbortedTransaction]?

    public init(_ topicPartition: TopicPartition, error: ErrorCode, highWatermark: Int64 = -1, lastStableOffset: Int64 = -1,
                logStartOffset: Int64 = -1, records: ByteBuffer? = nil, fileRecords: FileRecords? = nil,
                abortedTransactions: [AbortedTransaction]? = nil) {
        self.topicPartition = topicPartition
        self.error = error
        self.highWatermark = highWatermark
        self.lastStableOffset = lastStableOffset
        self.logStartOffset = logStartOffset
        self.records = records
        self.fileRecords = fileRecords
        self.abortedTransactions = abortedTransactions
    }
}

/// One pass over a fetch's partitions.
struct FetchPass {
    var results: [FetchedPartition] = []
    var bytes = 0
    var hasError = false
    /// What each watched partition had when read, to park against: the high watermark for consumers (the
    /// last stable offset for read_committed ones), the log end for followers.
    var watched: [(Partition, Int64)] = []
}

extension Broker {
    /// Serves a fetch: reads what is available now and, if that is less than `minBytes`, parks until an
    /// append brings more or `maxWaitMs` passes. A parked fetch holds no thread: its re-reads run on
    /// `executor`, its timer on `eventLoop`, and the future completes on `eventLoop`.
    public func fetch(_ parameters: FetchParameters, _ targets: [FetchTarget], in cluster: Cluster,
                      on eventLoop: EventLoop, executor: WorkExecutor) -> EventLoopFuture<[FetchedPartition]> {
        let promise = eventLoop.makePromise(of: [FetchedPartition].self)
        fetch(parameters, targets, in: cluster, timingOn: eventLoop, executor: executor) { promise.succeed($0) }
        return promise.futureResult
    }

    /// `fetch` for an in-process follower: `done` runs at once on the caller's thread when data is there, else
    /// on `executor` when the parked fetch completes, without first hopping to `eventLoop` and back (the loop
    /// only times the long poll). Each replicated write waits for such an answer, so the hops would add up.
    func fetch(_ parameters: FetchParameters, _ targets: [FetchTarget], in cluster: Cluster, timingOn eventLoop: EventLoop,
               executor: WorkExecutor, done: @escaping @Sendable ([FetchedPartition]) -> Void) {
        let pass = readPass(parameters, targets, in: cluster)
        if parameters.maxWaitMs <= 0 || pass.bytes >= max(1, Int(parameters.minBytes)) || pass.hasError || pass.watched.isEmpty {
            return done(pass.results)
        }
        let delayed = DelayedFetch(broker: self, cluster: cluster, parameters: parameters, targets: targets,
                                   eventLoop: eventLoop, executor: executor, done: done)
        delayed.start(after: pass)
    }

    func readPass(_ parameters: FetchParameters, _ targets: [FetchTarget], in cluster: Cluster) -> FetchPass {
        var pass = FetchPass()
        pass.results.reserveCapacity(targets.count)
        var budget = parameters.maxBytes > 0 ? Int(parameters.maxBytes) : Int(Int32.max)
        let replica = parameters.replicaId >= 0
        for target in targets {
            let tp = target.topicPartition
            let partition: Partition
            switch leaderPartition(tp, in: cluster) {
            case .success(let found): partition = found
            case .failure(let error):
                pass.results.append(FetchedPartition(tp, error: error.code))
                pass.hasError = true
                continue
            }
            let epochCheck = partition.checkLeaderEpoch(target.currentLeaderEpoch)
            if epochCheck != .none {
                pass.results.append(FetchedPartition(tp, error: epochCheck))
                pass.hasError = true
                continue
            }
            let limit = min(Int(max(target.maxBytes, 0)), budget)
            if limit <= 0 {
                let (hw, lso) = partition.readPositions
                pass.results.append(FetchedPartition(tp, error: .none, highWatermark: hw, lastStableOffset: lso,
                                                     logStartOffset: partition.logStartOffset, records: ByteBuffer(),
                                                     abortedTransactions: parameters.readCommitted ? [] : nil))
                pass.watched.append((partition, partition.watermark(forReplica: replica, readCommitted: parameters.readCommitted)))
                continue
            }
            if replica, let proposal = partition.recordFollowerFetch(parameters.replicaId, fetchOffset: target.fetchOffset,
                                                                     logStartOffset: target.logStartOffset, now: currentTimeMillis()) {
                cluster.alterInSyncReplicas(partition, to: proposal)
            }
            do {
                let fetched = try read(partition, target, limit: limit, parameters)
                budget -= fetched.size
                pass.bytes += fetched.size
                pass.results.append(fetched.result)
                pass.watched.append((partition, fetched.watch))
            } catch let error as EngineError {
                pass.results.append(FetchedPartition(tp, error: error.code, highWatermark: partition.highWatermark,
                                                     logStartOffset: partition.logStartOffset))
                pass.hasError = true
            } catch {
                pass.results.append(FetchedPartition(tp, error: .kafkaStorageError))
                pass.hasError = true
            }
        }
        return pass
    }

    /// One partition's read: followers (in-process, they need the bytes) to the log end, consumers' records
    /// (sent with sendfile) to the high watermark or, read_committed, to the last stable offset. Returns
    /// the size read and the position a parked fetch watches.
    private func read(_ partition: Partition, _ target: FetchTarget, limit: Int,
                      _ parameters: FetchParameters) throws -> (result: FetchedPartition, size: Int, watch: Int64) {
        let tp = target.topicPartition
        if parameters.readCommitted {
            let read = try partition.readCommitted(from: target.fetchOffset, maxBytes: limit, zeroCopy: true)
            return (FetchedPartition(tp, error: .none, highWatermark: read.highWatermark, lastStableOffset: read.lastStableOffset,
                                     logStartOffset: read.result.logStartOffset, records: read.result.records,
                                     fileRecords: read.result.file, abortedTransactions: read.aborted),
                    read.result.count, read.lastStableOffset)
        }
        let replica = parameters.replicaId >= 0
        let (hw, lso) = partition.readPositions
        let read = try partition.read(from: target.fetchOffset, maxBytes: limit, limit: replica ? partition.logEndOffset : hw,
                                      zeroCopy: !replica)
        return (FetchedPartition(tp, error: .none, highWatermark: hw, lastStableOffset: lso,
                                 logStartOffset: read.logStartOffset, records: read.records, fileRecords: read.file),
                read.count, replica ? read.logEndOffset : hw)
    }
}

/// A fetch parked until data arrives or its wait runs out. Wake-ups and the timeout may race from any
/// thread; the state behind the mutex makes the first one that completes the fetch the only one.
final class DelayedFetch: Sendable {
    let broker: Broker
    let cluster: Cluster
    let parameters: FetchParameters
    let targets: [FetchTarget]
    let eventLoop: EventLoop
    let executor: WorkExecutor
    /// Runs once, on `executor`, with the answer.
    private let done: @Sendable ([FetchedPartition]) -> Void
    private let state = Mutex(State())

    private struct State {
        var done = false
        var waiter: DataWaiter?
        var watched: [(Partition, Int64)] = []
        var timeout: Scheduled<Void>?
        /// For follower fetches: the high watermarks they were last told, so a move completes the fetch.
        var toldHighWatermarks: [Int64] = []
    }

    init(broker: Broker, cluster: Cluster, parameters: FetchParameters, targets: [FetchTarget], eventLoop: EventLoop,
         executor: WorkExecutor, done: @escaping @Sendable ([FetchedPartition]) -> Void) {
        self.broker = broker
        self.cluster = cluster
        self.parameters = parameters
        self.targets = targets
        self.eventLoop = eventLoop
        self.executor = executor
        self.done = done
    }

    func start(after pass: FetchPass) {
        let timeout = eventLoop.scheduleTask(in: .milliseconds(Int64(parameters.maxWaitMs))) { [self] in
            executor.execute { [self] in
                guard !isDone else { return }
                finish(broker.readPass(parameters, targets, in: cluster).results)
            }
        }
        state.withLock { s in
            s.toldHighWatermarks = pass.results.map(\.highWatermark)
            s.timeout = timeout
        }
        park(pass.watched)
    }

    private var isDone: Bool { state.withLock { $0.done } }

    private func park(_ partitions: [(Partition, Int64)]) {
        let waiter = DataWaiter { [self] in executor.execute { self.dataArrived() } }
        let parked = state.withLock { s -> Bool in
            guard !s.done else { return false }
            s.watched = partitions
            s.waiter = waiter
            return true
        }
        guard parked else { return }
        var alreadyReadable = false
        for (partition, seenHighWatermark) in partitions
        where !partition.park(waiter, replica: parameters.replicaId >= 0, readCommitted: parameters.readCommitted,
                              unlessAbove: seenHighWatermark) {
            alreadyReadable = true
        }
        if alreadyReadable { waiter.wake() }
    }

    private func dataArrived() {
        guard !isDone else { return }
        unparkAll()
        let pass = broker.readPass(parameters, targets, in: cluster)
        let told = state.withLock { $0.toldHighWatermarks }
        let followerMustHear = parameters.replicaId >= 0 && pass.results.map(\.highWatermark) != told
        if pass.bytes >= max(1, Int(parameters.minBytes)) || pass.hasError || pass.watched.isEmpty || followerMustHear {
            finish(pass.results)
        } else {
            park(pass.watched)
        }
    }

    private func unparkAll() {
        let (waiter, watched) = state.withLock { s -> (DataWaiter?, [(Partition, Int64)]) in
            defer { s.waiter = nil }
            return (s.waiter, s.watched)
        }
        guard let waiter else { return }
        for (partition, _) in watched { partition.unpark(waiter) }
    }

    private func finish(_ results: [FetchedPartition]) {
        let timeout = state.withLock { s -> Scheduled<Void>?? in
            guard !s.done else { return .none }
            s.done = true
            return .some(s.timeout)
        }
        guard case .some(let scheduled) = timeout else { return }
        unparkAll()
        scheduled?.cancel()
        done(results)
    }
}
