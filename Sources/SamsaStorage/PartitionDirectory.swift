/// Kafka's partition directory names: `<topic>-<partition>`. Topics may contain '-', so parsing splits
/// at the last one.
public enum PartitionDirectory {
    public static func name(topic: String, partition: Int32) -> String { "\(topic)-\(partition)" }

    public static func parse(_ name: String) -> (topic: String, partition: Int32)? {
        guard let dash = name.lastIndex(of: "-") else { return nil }
        let topic = String(name[..<dash])
        guard !topic.isEmpty, let partition = Int32(name[name.index(after: dash)...]), partition >= 0 else { return nil }
        return (topic, partition)
    }

    /// `00000000000000000042` for base offset 42.
    public static func segmentName(_ baseOffset: Int64) -> String {
        let digits = String(baseOffset)
        return String(repeating: "0", count: max(0, 20 - digits.count)) + digits
    }
}
