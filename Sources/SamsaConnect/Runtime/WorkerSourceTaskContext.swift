/// What a source task reads through its context: its config and its connector's committed offsets, loaded
/// from the offset store when the task started (Kafka's `OffsetStorageReader`).
struct WorkerSourceTaskContext: SourceTaskContext {
    let configs: [String: String]
    let snapshot: [SourceMap: SourceMap]

    func offset(for partition: SourceMap) -> SourceMap? { snapshot[partition] }

    func offsets(for partitions: [SourceMap]) -> [SourceMap: SourceMap] {
        var out: [SourceMap: SourceMap] = [:]
        for partition in partitions { if let offset = snapshot[partition] { out[partition] = offset } }
        return out
    }
}

/// Source offsets as one line for the workbench: `test.txt: position 8`.
enum OffsetText {
    static func line(partition: SourceMap, offset: SourceMap) -> String {
        let where_ = partition.keys.sorted().map { text(partition[$0]!) }.joined(separator: ", ")
        let how = offset.keys.sorted().map { "\($0) \(text(offset[$0]!))" }.joined(separator: ", ")
        return "\(where_): \(how)"
    }

    static func text(_ value: ConnectValue) -> String {
        switch value {
        case .string(let s): return s
        case .null: return "null"
        case .boolean(let b): return String(b)
        case .float32(let f): return String(f)
        case .float64(let d): return String(d)
        default: return value.integerValue.map(String.init) ?? String(describing: value)
        }
    }
}
