/// The line `samsa streams …` prints to stderr every few seconds: state, tasks, how many records were
/// processed and how fast, records dropped, input lag, and restore progress while a store restores.
public enum StreamsStatusLine {
    public static func text(_ snapshot: StreamsSnapshot) -> String {
        var parts = [snapshot.state.rawValue]
        let ids = snapshot.tasks.map(\.id.description).sorted()
        parts.append(ids.isEmpty ? "no tasks" : "\(ids.count) task\(ids.count == 1 ? "" : "s") (\(ids.joined(separator: ", ")))")
        parts.append("\(snapshot.processedTotal) records processed (\(Int(snapshot.processedPerSecond.rounded()))/s)")
        let dropped = snapshot.dropped.values.reduce(0, +)
        if dropped > 0 { parts.append("\(dropped) dropped") }
        if !snapshot.inputLag.isEmpty { parts.append("input lag \(snapshot.inputLag.values.reduce(0, +))") }
        let restoring = snapshot.tasks.flatMap(\.restoring).filter { !$0.done }
        if !restoring.isEmpty {
            let restored = restoring.map(\.restored).reduce(0, +), total = restoring.map(\.total).reduce(0, +)
            let stores = Set(restoring.map(\.store)).sorted().joined(separator: ", ")
            parts.append("restoring \(stores): \(restored) of \(total) records")
        }
        return parts.joined(separator: " · ")
    }
}
