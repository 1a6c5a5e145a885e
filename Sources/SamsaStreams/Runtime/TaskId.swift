/// A task: one subtopology over one partition of its (co-partitioned) source topics. Written as Kafka
/// writes it, `<subtopology>_<partition>`, which is also the task's directory name under the state dir.
public struct TaskId: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var subtopology: Int
    public var partition: Int32

    public init(subtopology: Int, partition: Int32) {
        self.subtopology = subtopology
        self.partition = partition
    }

    /// Parses `0_3`.
    public init?(_ text: String) {
        let parts = text.split(separator: "_")
        guard parts.count == 2, let s = Int(parts[0]), let p = Int32(parts[1]), s >= 0, p >= 0 else { return nil }
        self.init(subtopology: s, partition: p)
    }

    public var description: String { "\(subtopology)_\(partition)" }

    public static func < (a: TaskId, b: TaskId) -> Bool {
        (a.subtopology, a.partition) < (b.subtopology, b.partition)
    }
}
