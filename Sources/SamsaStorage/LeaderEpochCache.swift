import Foundation

/// Which leader epoch began at which offset, as Kafka's `leader-epoch-checkpoint` records it (a version
/// line, a count line, then "epoch startOffset" lines). Followers use it to find where their log diverges
/// from a new leader's.
///
/// Thread-safety: none; the owning log serializes access.
struct LeaderEpochCache {
    private(set) var entries: [EpochEntry] = []
    let path: String?

    init(path: String?) {
        self.path = path
        guard let path, let data = try? AtomicFile.read(path) else { return }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        guard lines.count >= 2, lines[0] == "0", let count = Int(lines[1]), lines.count - 2 >= count else { return }
        for line in lines.dropFirst(2).prefix(count) {
            let parts = line.split(separator: " ")
            guard parts.count == 2, let epoch = Int32(parts[0]), let offset = Int64(parts[1]) else { return }
            entries.append(EpochEntry(epoch: epoch, startOffset: offset))
        }
    }

    var latestEpoch: Int32 { entries.last?.epoch ?? -1 }

    /// Notes that `epoch` starts at `offset` if it is newer than the latest known epoch.
    mutating func assign(epoch: Int32, startOffset: Int64) throws {
        guard epoch >= 0, epoch > latestEpoch else { return }
        entries.append(EpochEntry(epoch: epoch, startOffset: startOffset))
        try save()
    }

    /// Forgets epochs that start at or after `offset` (the log was truncated there).
    mutating func truncate(fromOffset offset: Int64) throws {
        let before = entries.count
        entries.removeAll { $0.startOffset >= offset }
        if entries.count != before { try save() }
    }

    /// The log now starts at `offset` (DeleteRecords): epochs that began before it go, except the one covering
    /// it, which now begins there (Kafka's truncateFromStart).
    mutating func truncate(fromStart offset: Int64) throws {
        guard let covering = entries.last(where: { $0.startOffset <= offset }) else { return }
        let updated = [EpochEntry(epoch: covering.epoch, startOffset: offset)] + entries.filter { $0.startOffset > offset }
        guard updated != entries else { return }
        entries = updated
        try save()
    }

    /// Forgets every epoch.
    mutating func clear() throws {
        entries.removeAll()
        try save()
    }

    /// Kafka's OffsetsForLeaderEpoch rule.
    func endOffset(forEpoch epoch: Int32, logEndOffset: Int64) -> (epoch: Int32, endOffset: Int64) {
        if epoch < 0 { return (-1, -1) }
        if epoch == latestEpoch { return (epoch, logEndOffset) }
        guard let higher = entries.first(where: { $0.epoch > epoch }) else { return (-1, -1) }
        if let floor = entries.last(where: { $0.epoch <= epoch }) { return (floor.epoch, higher.startOffset) }
        return (epoch, higher.startOffset)
    }

    private func save() throws {
        guard let path else { return }
        var text = "0\n\(entries.count)\n"
        for entry in entries { text += "\(entry.epoch) \(entry.startOffset)\n" }
        try AtomicFile.write(Data(text.utf8), to: path)
    }
}
