import DequeModule
import Synchronization

/// A bounded, thread-safe buffer of log lines, shown in the workbench's log overlay.
public final class LogBuffer: Sendable {
    private let lines: Mutex<Deque<String>> = Mutex([])
    private let capacity: Int
    private let counter = Atomic<UInt64>(0)

    public init(capacity: Int = 500) {
        self.capacity = max(1, capacity)
    }

    public func append(_ line: String) {
        lines.withLock { buffer in
            buffer.append(line)
            if buffer.count > capacity { buffer.removeFirst(buffer.count - capacity) }
        }
        counter.add(1, ordering: .relaxed)
    }

    /// The buffered lines, oldest first.
    public var contents: [String] { lines.withLock { Array($0) } }
    /// Increases with every line appended, so a viewer can tell it changed.
    public var changeCount: UInt64 { counter.load(ordering: .relaxed) }
}
