extension TopologyDescription {
    /// Kafka's `TopologyDescription.toString()`, character for character: `Topologies:\n ` then each
    /// subtopology and global store in id order, each prefixed by two spaces (so the first reads with three),
    /// a subtopology followed by a blank line, a global store not.
    func renderKafkaText() -> String {
        var text = "Topologies:\n "
        var entries: [(id: Int, text: String)] = subtopologies.map { sub in
            (sub.id, "Sub-topology: \(sub.id)\n" + sub.nodes.map { "    " + Self.render($0) + "\n" }.joined() + "\n")
        }
        entries += globalStores.map { global in
            (global.id, "Sub-topology: \(global.id) for global store (will not generate tasks)\n"
                + "    " + Self.render(global.source) + "\n" + "    " + Self.render(global.processor) + "\n")
        }
        for entry in entries.sorted(by: { $0.id < $1.id }) { text += "  " + entry.text }
        return text
    }

    private static func names(_ nodes: [String]) -> String { nodes.isEmpty ? "none" : nodes.joined(separator: ", ") }

    private static func render(_ node: Node) -> String {
        switch node.kind {
        case .source(let topics):
            return "Source: \(node.name) (topics: [\(topics.joined(separator: ", "))])\n      --> \(names(node.successors))"
        case .processor(let stores):
            return "Processor: \(node.name) (stores: [\(stores.joined(separator: ", "))])\n      --> \(names(node.successors))\n      <-- \(names(node.predecessors))"
        case .sink(let topic):
            return "Sink: \(node.name) (topic: \(topic))\n      <-- \(names(node.predecessors))"
        }
    }
}
