extension TopologyDescription {
    /// Kafka's `TopologyDescription.toString()`, line for line, so a description reads as Kafka users know it.
    func renderKafkaText() -> String {
        var lines = ["Topologies:"]
        for sub in subtopologies {
            lines.append("   Sub-topology: \(sub.id)")
            for node in sub.nodes { lines += Self.render(node) }
            lines.append("")
        }
        for global in globalStores {
            lines.append("  Sub-topology: \(global.id) for global store (will not generate tasks)")
            lines += Self.render(global.source)
            lines += Self.render(global.processor)
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    private static func render(_ node: Node) -> [String] {
        var lines: [String]
        switch node.kind {
        case .source(let topics): lines = ["    Source: \(node.name) (topics: [\(topics.joined(separator: ", "))])"]
        case .processor(let stores): lines = ["    Processor: \(node.name) (stores: [\(stores.joined(separator: ", "))])"]
        case .sink(let topic): lines = ["    Sink: \(node.name) (topic: \(topic))"]
        }
        if case .sink = node.kind {} else {
            lines.append("      --> \(node.successors.isEmpty ? "none" : node.successors.joined(separator: ", "))")
        }
        if !node.predecessors.isEmpty { lines.append("      <-- \(node.predecessors.joined(separator: ", "))") }
        return lines
    }
}
