import Synchronization

/// A parked fetch, woken at most once when any partition it watches gets new readable data. The action
/// must be cheap and non-blocking (it typically hops onto the fetch's event loop).
public final class DataWaiter: Sendable {
    private let fired = Atomic<Bool>(false)
    private let action: @Sendable () -> Void

    public init(_ action: @escaping @Sendable () -> Void) {
        self.action = action
    }

    public var id: ObjectIdentifier { ObjectIdentifier(self) }

    public func wake() {
        if !fired.exchange(true, ordering: .acquiringAndReleasing) { action() }
    }
}
