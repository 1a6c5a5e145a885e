import Synchronization

/// Remembers, per builder, the grace of each windowed aggregation node (for sessions plus the inactivity gap),
/// so `suppress(untilWindowCloses)` can find the window close time upstream as Kafka's
/// `GraphGraceSearchUtil` does. Entries of builders that are gone are pruned.
enum WindowGraceRegistry {
    private struct Entry: @unchecked Sendable {
        weak var builder: StreamsBuilder?
        var graces: [String: Int64]
    }

    private static let entries = Mutex<[ObjectIdentifier: Entry]>([:])

    static func record(_ builder: StreamsBuilder, node: String, graceMs: Int64) {
        entries.withLock { map in
            map = map.filter { $0.value.builder != nil }
            map[ObjectIdentifier(builder), default: Entry(builder: builder, graces: [:])].graces[node] = graceMs
        }
    }

    /// The grace of the nearest windowed aggregation above `node`, or nil if there is none.
    static func grace(above node: String, in builder: StreamsBuilder) -> Int64? {
        let graces = entries.withLock { $0[ObjectIdentifier(builder)]?.graces ?? [:] }
        var frontier = [node], seen = Set<String>()
        while let name = frontier.popLast() {
            guard seen.insert(name).inserted else { continue }
            if let grace = graces[name] { return grace }
            frontier += builder.graph.node(name)?.parents ?? []
        }
        return nil
    }
}
