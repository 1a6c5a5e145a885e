import Dispatch
import NIOCore

/// Serial background work (a broker's replica fetcher): a Dispatch queue of its own, or, for tests that
/// move time by hand, the scheduler's event loop, so everything stays on the test's thread.
public struct SerialWorkQueue: WorkExecutor {
    private enum Backing {
        case queue(DispatchQueue)
        case loop(EventLoop)
    }

    private let backing: Backing

    public init(label: String) {
        backing = .queue(DispatchQueue(label: label))
    }

    init(loop: EventLoop) {
        backing = .loop(loop)
    }

    public func execute(_ work: @escaping @Sendable () -> Void) {
        switch backing {
        case .queue(let queue): queue.async(execute: work)
        case .loop(let loop): loop.execute(work)
        }
    }

    func execute(afterMs delay: Int64, _ work: @escaping @Sendable () -> Void) {
        guard delay > 0 else { return execute(work) }
        switch backing {
        case .queue(let queue): queue.asyncAfter(deadline: .now() + .milliseconds(Int(delay)), execute: work)
        case .loop(let loop): loop.scheduleTask(in: .milliseconds(delay), work)
        }
    }

    /// Stops a debug build that runs this queue's work anywhere else.
    func assertOnQueue() {
        switch backing {
        case .queue(let queue): dispatchPrecondition(condition: .onQueue(queue))
        case .loop(let loop): loop.preconditionInEventLoop()
        }
    }
}

extension BackgroundScheduler {
    /// A serial queue for background work, driven like this scheduler.
    func makeSerialQueue(label: String) -> SerialWorkQueue {
        if let loop = testLoop { return SerialWorkQueue(loop: loop) }
        return SerialWorkQueue(label: label)
    }
}
