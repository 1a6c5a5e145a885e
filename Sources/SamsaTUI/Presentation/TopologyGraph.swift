import SamsaStreams

/// A topology drawn as indented arrows, one node per row, per sub-topology: a chain of single successors
/// stays in one column, a node with several successors branches with tree lines. Sources name the topics
/// they read, sinks the topic they write, processors their stores — Kafka's node names, so the drawing
/// matches `describe()`. About 60 columns for Kafka's word count.
enum TopologyGraph {
    static func lines(_ topology: TopologyDescription, glyphs: Glyphs) -> [[Span]] {
        var lines: [[Span]] = []
        for subtopology in topology.subtopologies {
            lines.append([Span("Sub-topology \(subtopology.id)", Style(.title, on: .mainBg, [.bold]))])
            let nodes = Dictionary(subtopology.nodes.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            var drawn = Set<String>()
            let sources = subtopology.nodes.filter {
                if case .source = $0.kind { return true }
                return false
            }
            for source in sources {
                walk(source.name, first: "  ", rest: "  ", nodes: nodes, drawn: &drawn, glyphs: glyphs, into: &lines)
            }
            // Nodes no source reaches (a malformed description) are still listed.
            for node in subtopology.nodes where !drawn.contains(node.name) {
                walk(node.name, first: "  ", rest: "  ", nodes: nodes, drawn: &drawn, glyphs: glyphs, into: &lines)
            }
        }
        for store in topology.globalStores {
            lines.append([Span("Global store \(store.id)", Style(.title, on: .mainBg, [.bold]))])
            lines.append([Span("  ")] + label(store.source, glyphs: glyphs))
            lines.append([Span("  \(glyphs.arrow) ")] + label(store.processor, glyphs: glyphs))
        }
        return lines
    }

    /// Draws `name` after `first`, then its successors: a single one on the next row under `rest`, several
    /// as branches. A node reached a second time (a merge) is named with a mark and not followed again.
    private static func walk(_ name: String, first: String, rest: String, nodes: [String: TopologyDescription.Node],
                             drawn: inout Set<String>, glyphs: Glyphs, into lines: inout [[Span]]) {
        guard let node = nodes[name] else {
            lines.append([Span(first, Style(.inactiveFg)), Span(name, Style(.mainFg))])
            return
        }
        guard drawn.insert(name).inserted else {
            lines.append([Span(first, Style(.inactiveFg)), Span(name, Style(.inactiveFg)), Span(" (drawn above)", Style(.inactiveFg))])
            return
        }
        lines.append([Span(first, Style(.inactiveFg))] + label(node, glyphs: glyphs))
        let successors = node.successors
        let unicode = glyphs != .ascii
        if successors.count == 1 {
            walk(successors[0], first: rest + glyphs.arrow + " ", rest: rest, nodes: nodes, drawn: &drawn, glyphs: glyphs, into: &lines)
            return
        }
        for (index, successor) in successors.enumerated() {
            let last = index == successors.count - 1
            let branch = (last ? (unicode ? "└" : "`") : (unicode ? "├" : "+")) + glyphs.arrow + " "
            let under = last ? "   " : glyphs.vertical + "  "
            walk(successor, first: rest + branch, rest: rest + under, nodes: nodes, drawn: &drawn, glyphs: glyphs, into: &lines)
        }
    }

    /// `NAME ⇐ topics` for a source, `NAME ⇒ topic` for a sink, `NAME [stores]` for a processor with stores.
    static func label(_ node: TopologyDescription.Node, glyphs: Glyphs) -> [Span] {
        let unicode = glyphs != .ascii
        return switch node.kind {
        case .source(let topics):
            [Span(node.name, Style(.mainFg)), Span(unicode ? " ⇐ " : " <= ", Style(.inactiveFg)), Span(topics.joined(separator: ", "), Style(.title))]
        case .sink(let topic):
            [Span(node.name, Style(.mainFg)), Span(unicode ? " ⇒ " : " => ", Style(.inactiveFg)), Span(topic, Style(.title))]
        case .processor(let stores) where !stores.isEmpty:
            [Span(node.name, Style(.mainFg)), Span(" [" + stores.joined(separator: ", ") + "]", Style(.follower))]
        case .processor:
            [Span(node.name, Style(.mainFg))]
        }
    }
}
