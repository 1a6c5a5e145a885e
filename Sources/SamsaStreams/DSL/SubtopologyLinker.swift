/// Kafka's `InternalTopologyBuilder.describeSubtopology`, step for step: nodes are visited in Java HashMap
/// order, each linked to its predecessors in the order they were given, every link inserting into Java
/// TreeSets ordered by sub-tree size (larger first, then name) while the sizes still grow. The resulting
/// `-->`/`<--` orders are the ones Kafka prints.
struct SubtopologyLinker {
    private(set) var sizes: [String: Int] = [:]
    private(set) var predecessors: [String: JavaTreeSet] = [:]
    private(set) var successors: [String: JavaTreeSet] = [:]
    private var linkedPredecessors: [String: [String]] = [:]

    /// `names` in the order their nodes were added to the graph; `parents` gives each node's predecessors.
    init(names: [String], parents: (String) -> [String]) {
        let members = Set(names)
        for name in names { sizes[name] = 1 }
        let box = SizeBox()
        func makeSet() -> JavaTreeSet { JavaTreeSet { a, b in Self.compare(a, b, box.sizes) } }
        for name in names {
            predecessors[name] = makeSet()
            successors[name] = makeSet()
        }
        for name in JavaHashSetOrder.sorted(names) {
            for parent in parents(name) where members.contains(parent) {
                box.sizes = sizes
                predecessors[name]?.insert(parent)
                successors[parent]?.insert(name)
                linkedPredecessors[name, default: []].append(parent)
                addSize(to: parent, sizes[name] ?? 1)
            }
        }
        box.sizes = sizes
    }

    /// Kafka's `updateSize`: once per path up through the predecessors linked so far.
    private mutating func addSize(to name: String, _ delta: Int) {
        sizes[name, default: 1] += delta
        for parent in linkedPredecessors[name] ?? [] { addSize(to: parent, delta) }
    }

    /// Kafka's NODE_COMPARATOR: larger sub-tree first, then by name (Java `String.compareTo`).
    static func compare(_ a: String, _ b: String, _ sizes: [String: Int]) -> Int {
        if a == b { return 0 }
        let sa = sizes[a] ?? 1, sb = sizes[b] ?? 1
        if sa != sb { return sb - sa }
        return a.utf16.lexicographicallyPrecedes(b.utf16) ? -1 : 1
    }

    /// The subtopology's nodes as Kafka lists them (a TreeSet built once the sizes are final).
    func ordered(_ names: [String]) -> [String] {
        names.sorted { Self.compare($0, $1, sizes) < 0 }
    }

    /// The comparator's view of the sizes at each insertion.
    private final class SizeBox {
        var sizes: [String: Int] = [:]
    }
}
