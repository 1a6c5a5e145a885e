import SamsaStreams

/// What changed in a Streams application between two of its snapshots, told as event-log sentences:
/// rebalances, restores beginning and ending, errors.
enum StreamsNarration {
    static func changes(_ id: String, from old: StreamsSnapshot?, to new: StreamsSnapshot) -> [(ClusterEvent.Kind, String)] {
        var told: [(ClusterEvent.Kind, String)] = []
        let was = old?.state
        if new.state != was {
            switch new.state {
            case .rebalancing:
                told.append((.streamsRebalanced, "Streams app \(id) is rebalancing"))
            case .running where was == .rebalancing || was == .created || was == nil:
                let tasks = new.tasks.map(\.id).sorted().map(\.description)
                told.append((.streamsRebalanced, "Streams app \(id) is running \(tasks.count == 1 ? "task" : "tasks") \(tasks.isEmpty ? "(none)" : tasks.joined(separator: ", "))"))
            case .error:
                told.append((.streamsStopped, "Streams app \(id) stopped with an error"))
            default:
                break
            }
        }
        let before = restores(old)
        let after = restores(new)
        for (key, progress) in after.sorted(by: { $0.key < $1.key }) {
            let earlier = before[key]
            if earlier == nil, !progress.done {
                told.append((.streamsRestoring, "Streams app \(id) restores \(progress.store) from \(key.changelog): \(progress.total) records"))
            } else if progress.done, progress.total > 0, earlier.map({ !$0.done }) ?? true {
                // Done since the last look, or begun and done between two looks.
                told.append((.streamsRestoring, "Streams app \(id) restored \(progress.store) (\(progress.restored) records)"))
            }
        }
        for (key, progress) in before.sorted(by: { $0.key < $1.key }) where after[key] == nil && !progress.done {
            told.append((.streamsRestoring, "Streams app \(id) finished restoring \(progress.store) from \(key.changelog)"))
        }
        return told
    }

    private struct RestoreKey: Hashable, Comparable {
        let store: String
        let changelog: String
        static func < (a: RestoreKey, b: RestoreKey) -> Bool { (a.store, a.changelog) < (b.store, b.changelog) }
    }

    private static func restores(_ snapshot: StreamsSnapshot?) -> [RestoreKey: StreamsSnapshot.RestoreProgress] {
        var result: [RestoreKey: StreamsSnapshot.RestoreProgress] = [:]
        for task in snapshot?.tasks ?? [] {
            for progress in task.restoring {
                result[RestoreKey(store: progress.store, changelog: "\(progress.changelog.topic)-\(progress.changelog.partition)")] = progress
            }
        }
        return result
    }
}
