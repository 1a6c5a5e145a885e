import Synchronization

/// A value a node's factory reads when a task builds it but that the builder may still change after the node
/// was added (a table materialized for a later groupBy or join).
package final class SharedValue<T: Sendable>: Sendable {
    private let storage: Mutex<T>
    package init(_ value: T) { storage = Mutex(value) }
    package var value: T {
        get { storage.withLock { $0 } }
        set { storage.withLock { $0 = newValue } }
    }
}
