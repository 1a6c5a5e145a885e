import DequeModule
import Dispatch
import NIOPosix
import SamsaEngine
import Synchronization

/// Kafka's request handler threads (`num.io.threads`) behind a bounded request queue
/// (`queued.max.requests`): the network threads hand each decoded request here and go back to framing
/// and writing. When the queue is full a connection stops reading until it has room again, so a flood
/// grows no queue anywhere.
///
/// Thread-safety: every method may be called from any thread.
final class RequestHandlerPool: WorkExecutor {
    let threadCount: Int
    let capacity: Int
    private let pool: NIOThreadPool
    private let state = Mutex(State())

    private struct State {
        /// Requests waiting for a thread (not yet started).
        var queued = 0
        /// Connections that found the queue full, each called once when a request leaves it.
        var waiting = Deque<@Sendable () -> Void>()
    }

    init(threads: Int, capacity: Int) {
        threadCount = max(1, threads)
        self.capacity = max(1, capacity)
        pool = NIOThreadPool(numberOfThreads: threadCount)
    }

    /// Kafka's default of 8 handler threads, capped at twice the cores: beyond that they only queue for
    /// the same CPUs (threads blocked in fsync are the reason to have more than the cores).
    static func threads(configured: Int?, cores: Int) -> Int {
        min(configured ?? 8, max(2, 2 * cores))
    }

    func start() { pool.start() }

    func shutdown() async {
        try? await pool.shutdownGracefully()
        let waiting = state.withLock { s -> Deque<@Sendable () -> Void> in
            defer { s.waiting.removeAll() }
            return s.waiting
        }
        for resume in waiting { resume() }
    }

    /// Queues a request's `work` if the queue has room and returns true. Otherwise returns false and
    /// calls `onRoom` once a queued request has started, for the caller to try again.
    func submit(_ work: @escaping @Sendable () -> Void, onRoom: @escaping @Sendable () -> Void) -> Bool {
        let admitted = state.withLock { s -> Bool in
            guard s.queued < capacity else {
                s.waiting.append(onRoom)
                return false
            }
            s.queued += 1
            return true
        }
        guard admitted else { return false }
        pool.submit { [self] status in
            let next = state.withLock { s -> (@Sendable () -> Void)? in
                s.queued -= 1
                return s.waiting.popFirst()
            }
            next?()
            if case .active = status { work() }
        }
        return true
    }

    /// Work the engine starts for a request already admitted (a parked fetch re-reading): never refused.
    /// Once the pool has stopped it still runs, on a Dispatch thread, so the engine can complete what it
    /// promised (a fetch parked while the server stopped is answered, not leaked).
    func execute(_ work: @escaping @Sendable () -> Void) {
        pool.submit { status in
            if case .active = status { work() } else { DispatchQueue.global().async(execute: work) }
        }
    }

}
