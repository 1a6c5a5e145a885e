import Foundation

/// The event log tells one line per cause, not per partition: a broker restart that moves 54 partitions
/// reads "ISR of 54 partitions (50 internal) grew back to 3: orders-0, orders-1, orders-2, payments-0", naming
/// the user's own partitions (so filtering the log by one still finds it), instead of 54 lines that push
/// everything else off the screen.
enum EventDigest {
    /// Changes of the same kind this close after one another belong to one cause.
    static let window: TimeInterval = 5
    /// However long a cause keeps going, a line covers at most this long.
    static let longest: TimeInterval = 60
    /// Up to this many user partitions are named one by one (`orders-0`), as the unfolded lines named them.
    static let namedPartitions = 6
    /// Past that, partitions are given as ranges per topic (`orders 0-29`), for this many topics.
    static let namedTopics = 3

    /// `events` oldest first; the result too, each folded line at the time of its cause's first change.
    static func fold(_ events: [ClusterEvent]) -> [ClusterEvent] {
        struct Cause {
            var events: [ClusterEvent]
            var start: Date
            var last: Date
        }
        enum Line {
            case event(ClusterEvent)
            case cause(Int)
        }
        var lines: [Line] = []
        var causes: [Cause] = []
        var open: [PartitionChange.What: Int] = [:]
        for event in events {
            guard let change = event.partitionChange else {
                lines.append(.event(event))
                continue
            }
            if let index = open[change.what], event.time.timeIntervalSince(causes[index].last) <= window,
               event.time.timeIntervalSince(causes[index].start) <= longest {
                causes[index].events.append(event)
                causes[index].last = max(causes[index].last, event.time)
            } else {
                open[change.what] = causes.count
                lines.append(.cause(causes.count))
                causes.append(Cause(events: [event], start: event.time, last: event.time))
            }
        }
        return lines.map { line in
            switch line {
            case .event(let event): event
            case .cause(let index): folded(causes[index].events)
            }
        }
    }

    /// One line for the events of one cause (the event itself when it is alone).
    static func folded(_ events: [ClusterEvent]) -> ClusterEvent {
        guard events.count > 1, let first = events.first, let what = first.partitionChange?.what else { return events[0] }
        let changes = events.compactMap(\.partitionChange)
        // The user's partitions by topic, in the order told, each once; internal ones are only counted.
        var topics: [String] = []
        var partitions: [String: Set<Int32>] = [:]
        var internalCount = 0
        for change in changes {
            if change.isInternal {
                internalCount += change.count
                continue
            }
            if partitions[change.topic] == nil { topics.append(change.topic) }
            partitions[change.topic, default: []].formUnion(change.partitions)
        }
        let userCount = partitions.values.reduce(0) { $0 + $1.count }
        let counted = userCount == 0 ? Format.counted(internalCount, "internal partition")
            : internalCount == 0 ? Format.counted(userCount, "partition")
            : "\(Format.counted(userCount + internalCount, "partition")) (\(internalCount) internal)"
        var text: String = switch what {
        case .leader(let broker?): "Broker \(broker) is now leader of \(counted)"
        case .leader(nil): "\(counted) went offline: no in-sync replica is alive to lead"
        case .inSyncShrank(let size): "ISR of \(counted) shrank to \(size)"
        case .inSyncGrew(let size): "ISR of \(counted) grew back to \(size)"
        }
        if userCount > namedPartitions {
            let named = topics.prefix(namedTopics).map { "\($0) " + Format.ranges(partitions[$0]!.sorted()) }
            let more = topics.count > namedTopics ? ", +\(Format.counted(topics.count - namedTopics, "more topic"))" : ""
            text += ": " + named.joined(separator: ", ") + more
        } else if userCount > 0 {
            text += ": " + topics.flatMap { topic in partitions[topic]!.sorted().map { "\(topic)-\($0)" } }.joined(separator: ", ")
        }
        return ClusterEvent(time: first.time, kind: first.kind, text: text,
                            partitionChange: PartitionChange(what, topic: first.partitionChange!.topic, isInternal: userCount == 0,
                                                             partitions: [], count: userCount + internalCount))
    }
}
