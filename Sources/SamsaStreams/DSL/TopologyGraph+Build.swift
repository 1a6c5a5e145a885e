/// Cutting the graph into subtopologies and describing it, as Kafka's InternalTopologyBuilder does.
extension TopologyGraph {
    /// Node groups: nodes joined by parent edges or by a shared store; numbered in the order their first node
    /// was added (Kafka's `makeNodeGroups` over nodes in insertion order). Global ones included.
    func nodeGroups() -> [[String]] {
        var parent: [String: String] = [:]
        func root(_ name: String) -> String {
            var current = name
            while let next = parent[current], next != current { current = next }
            return current
        }
        func unite(_ a: String, _ b: String) {
            let ra = root(a), rb = root(b)
            if ra != rb { parent[rb] = ra }
        }
        for node in nodes { parent[node.name] = node.name }
        var storeOwner: [String: String] = [:]
        for node in nodes {
            for p in node.parents where parent[p] != nil { unite(p, node.name) }
            for store in node.stores {
                if let owner = storeOwner[store] { unite(owner, node.name) } else { storeOwner[store] = node.name }
            }
        }
        var groups: [[String]] = []
        var groupOfRoot: [String: Int] = [:]
        for node in nodes {
            let r = root(node.name)
            if let index = groupOfRoot[r] { groups[index].append(node.name) } else {
                groupOfRoot[r] = groups.count
                groups.append([node.name])
            }
        }
        return groups
    }

    /// Kafka's `TopologyDescription` for the node groups.
    func describe(_ groups: [[String]]) -> TopologyDescription {
        func describeNode(_ node: Node, _ linker: SubtopologyLinker) -> TopologyDescription.Node {
            let kind: TopologyDescription.Node.Kind
            switch node.kind {
            case .source(let topics, _): kind = .source(topics: JavaHashSetOrder.sorted(topics))
            case .processor: kind = .processor(stores: JavaHashSetOrder.sorted(node.stores))
            case .sink(let topic, _, _): kind = .sink(topic: topic)
            }
            return TopologyDescription.Node(name: node.name, kind: kind,
                                            predecessors: linker.predecessors[node.name]?.elements ?? [],
                                            successors: linker.successors[node.name]?.elements ?? [])
        }
        var subtopologies: [TopologyDescription.Subtopology] = []
        var globals: [TopologyDescription.GlobalStore] = []
        for (id, group) in groups.enumerated() {
            let members = group.compactMap { self.node($0) }
            let linker = SubtopologyLinker(names: group) { self.node($0)?.parents ?? [] }
            if members.contains(where: \.global) {
                if let source = members.first(where: { if case .source = $0.kind { return true } else { return false } }),
                   let processor = members.first(where: { if case .processor = $0.kind { return true } else { return false } }) {
                    globals.append(.init(id: id, source: describeNode(source, linker), processor: describeNode(processor, linker)))
                }
                continue
            }
            let nodes = linker.ordered(group).compactMap { self.node($0) }.map { describeNode($0, linker) }
            subtopologies.append(.init(id: id, nodes: nodes))
        }
        return TopologyDescription(subtopologies: subtopologies, globalStores: globals)
    }

    /// The runtime's view of a (non-global) node group.
    func subtopologySpec(id: Int, group: [String]) -> SubtopologySpec {
        let members = group.compactMap { self.node($0) }
        var sources: [String] = [], sinks: [String] = [], storeNames: [String] = []
        for node in members {
            switch node.kind {
            case .source(let topics, _): sources += topics
            case .sink(let topic, _, _): if !sinks.contains(topic) { sinks.append(topic) }
            case .processor: break
            }
            for store in node.stores where !storeNames.contains(store) { storeNames.append(store) }
        }
        let globalStoreNames = Set(globalStores.map(\.store))
        let specs = storeOrder.filter { storeNames.contains($0) && !globalStoreNames.contains($0) }.compactMap { stores[$0] }
        let copartition = copartitionGroups.filter { group in group.allSatisfy(sources.contains) }
        return SubtopologySpec(id: id, sourceTopics: sources, sinkTopics: sinks, stores: specs, copartitionGroups: copartition)
    }
}
