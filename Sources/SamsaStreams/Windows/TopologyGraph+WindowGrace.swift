extension TopologyGraph {
    /// The grace of the nearest windowed aggregation above `node` (Kafka's `GraphGraceSearchUtil`), or nil if
    /// there is none: what `suppress(untilWindowCloses)` waits for past each window's end.
    package func windowGrace(above node: String) -> Int64? {
        var frontier = [node], seen = Set<String>()
        while let name = frontier.popLast() {
            guard seen.insert(name).inserted else { continue }
            if let grace = windowGraces[name] { return grace }
            frontier += self.node(name)?.parents ?? []
        }
        return nil
    }
}
