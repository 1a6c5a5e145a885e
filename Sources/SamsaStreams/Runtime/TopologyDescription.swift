/// The shape of a topology, as Kafka's `TopologyDescription`: what `describe()` prints and the workbench draws.
/// Codable: a SamsaStreams member publishes it in its group subscription, so a workbench elsewhere can draw it.
public struct TopologyDescription: Sendable, Equatable, Codable, CustomStringConvertible {
    public struct Node: Sendable, Equatable, Codable {
        public enum Kind: Sendable, Equatable, Codable {
            case source(topics: [String])
            case processor(stores: [String])
            case sink(topic: String)
        }
        public var name: String
        public var kind: Kind
        public var predecessors: [String]
        public var successors: [String]

        public init(name: String, kind: Kind, predecessors: [String], successors: [String]) {
            self.name = name
            self.kind = kind
            self.predecessors = predecessors
            self.successors = successors
        }
    }

    public struct Subtopology: Sendable, Equatable, Codable {
        public var id: Int
        /// In Kafka's order: sources first, then by name.
        public var nodes: [Node]
        public init(id: Int, nodes: [Node]) {
            self.id = id
            self.nodes = nodes
        }
    }

    public struct GlobalStore: Sendable, Equatable, Codable {
        public var id: Int
        public var source: Node
        public var processor: Node
        public init(id: Int, source: Node, processor: Node) {
            self.id = id
            self.source = source
            self.processor = processor
        }
    }

    public var subtopologies: [Subtopology]
    public var globalStores: [GlobalStore]

    public init(subtopologies: [Subtopology], globalStores: [GlobalStore]) {
        self.subtopologies = subtopologies
        self.globalStores = globalStores
    }

    /// Kafka's text form (`Topologies:` / `Sub-topology: 0` / `Source: … (topics: [...])` / `--> …` / `<-- …`).
    public var description: String { renderKafkaText() }
}
