extension TopologyGraph {
    /// The topics a node's records come from (its ancestors' sources, internal topics by their unprefixed
    /// name), for the co-partition group of a join.
    func sourceTopics(of node: String) -> [String] {
        var topics: [String] = []
        var frontier = [node], seen = Set<String>()
        while let name = frontier.popLast() {
            guard seen.insert(name).inserted, let current = self.node(name) else { continue }
            if case .source(let sourceTopics, _) = current.kind {
                topics += sourceTopics.filter { !topics.contains($0) }
            }
            frontier += current.parents
        }
        return topics.sorted()
    }

    /// Both sides of a join must be co-partitioned: one group with every source topic feeding either side.
    func copartition(_ left: String, _ right: String) {
        let topics = sourceTopics(of: left) + sourceTopics(of: right).filter { !sourceTopics(of: left).contains($0) }
        if topics.count > 1 { addCopartitionGroup(topics.sorted()) }
    }
}
