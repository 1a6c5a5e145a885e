import NIOCore
import SamsaProtocol
import Synchronization

/// An acks=all produce waiting for the high watermark to reach `requiredOffset` (its last offset + 1).
/// Completed exactly once: by replication, a role change, or its timeout.
final class AckWaiter: Sendable {
    let requiredOffset: Int64
    private let promise: EventLoopPromise<ErrorCode>
    private let done = Atomic<Bool>(false)

    init(requiredOffset: Int64, promise: EventLoopPromise<ErrorCode>) {
        self.requiredOffset = requiredOffset
        self.promise = promise
    }

    func complete(_ error: ErrorCode) {
        if !done.exchange(true, ordering: .acquiringAndReleasing) { promise.succeed(error) }
    }
}
