import Foundation
import SamsaClient

/// Topic detail's rows: configs not at their default first (marked), then the defaults, each group in
/// the broker's order; and a summary of the partitions' logs.
enum TopicConfigRows {
    struct Row: Equatable {
        let name: String
        /// The value as kafka-configs prints it: "(sensitive)" hidden, "null" for none.
        let value: String
        /// Kafka's source name (DYNAMIC_TOPIC_CONFIG, DEFAULT_CONFIG, …).
        let source: String
        let isDefault: Bool
        let isReadOnly: Bool
    }

    static func rows(_ configs: [ConfigEntryDescription]) -> [Row] {
        let ordered = configs.filter { !$0.isDefault } + configs.filter(\.isDefault)
        return ordered.map { config in
            Row(name: config.name, value: config.isSensitive ? "(sensitive)" : config.value ?? "null",
                source: config.source.name, isDefault: config.isDefault, isReadOnly: config.isReadOnly)
        }
    }

    /// "3 partitions · 1,250 records · 48.2 KB" (the size only where every partition's is known).
    static func summary(_ detail: TopicDetail) -> String {
        let records = detail.partitions.reduce(Int64(0)) { $0 + $1.records }
        var text = "\(Format.counted(detail.partitions.count, "partition")) · \(Format.count(records)) record\(records == 1 ? "" : "s")"
        let sizes = detail.partitions.compactMap(\.sizeInBytes)
        if !detail.partitions.isEmpty && sizes.count == detail.partitions.count {
            text += " · " + bytes(sizes.reduce(0, +))
        }
        return text
    }

    /// One partition: "p0  log start 100  end 250  150 records  4.1 KB".
    static func partitionLine(_ partition: TopicDetail.Partition) -> String {
        var text = "p\(partition.partition)  log start \(Format.count(partition.logStartOffset))  end \(Format.count(partition.logEndOffset))"
        text += "  \(Format.count(partition.records)) record\(partition.records == 1 ? "" : "s")"
        if let size = partition.sizeInBytes { text += "  " + bytes(size) }
        return text
    }

    /// 999 B, 1.0 KB, 12.3 MB (1024-based, as kafka-log-dirs users read sizes).
    static func bytes(_ count: Int64) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var value = Double(count)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(count) B" : String(format: "%.1f", value) + " " + units[unit]
    }
}
