import Testing
@testable import SamsaStreams

/// Lines "name --> successors <-- predecessors" for a graph given as (name, parents) in the order added.
private func linkedLines(_ spec: [(String, [String])]) -> [String] {
    let builder = StreamsBuilder()
    for (name, parents) in spec {
        if parents.isEmpty {
            builder.graph.addSource(name: name, topics: [name + "-topic"]) { _, _ in AnyRecord(key: nil, value: nil, timestamp: 0) }
        } else {
            builder.graph.addProcessor(name: name, parents: parents) { FunctionProcessor { _, _ in } }
        }
    }
    let description = builder.graph.describe(builder.graph.nodeGroups())
    func names(_ list: [String]) -> String { list.isEmpty ? "none" : list.joined(separator: ", ") }
    return description.subtopologies[0].nodes.map { "\($0.name) --> \(names($0.successors)) <-- \(names($0.predecessors))" }
}

// Expected lines come from running Kafka's describeSubtopology algorithm (java.util.HashMap/TreeSet,
// NODE_COMPARATOR, updateSize) on a JVM over the same graphs.
@Test func successorOrderIsWhereKafkasTreeSetsPutEachNodeWhileSizesGrew() {
    let lines = linkedLines([("src", []), ("a", ["src"]), ("b", ["src"]), ("c", ["a"]), ("d", ["a"]), ("e", ["b"]),
                             ("m", ["c", "e"]), ("f", ["src"]), ("g", ["m"]), ("h", ["d"])])
    #expect(lines == [
        "src --> a, b, f <-- none", "a --> c, d <-- src", "b --> e <-- src", "c --> m <-- a", "e --> m <-- b",
        "d --> h <-- a", "m --> g <-- c, e", "f --> none <-- src", "g --> none <-- m", "h --> none <-- d",
    ])
}

@Test func branchesPrintInKafkasInsertionDependentOrderNotFinalSizeOrder() {
    let s = "KSTREAM-SOURCE-0000000000", split = "KSTREAM-BRANCH-0000000001"
    let b1 = split + "1", b2 = split + "2", b0 = split + "0"
    let lines = linkedLines([
        (s, []), (split, [s]), (b1, [split]), (b2, [split]), (b0, [split]),
        ("KSTREAM-MAPVALUES-0000000005", [b1]), ("KSTREAM-SINK-0000000006", ["KSTREAM-MAPVALUES-0000000005"]),
        ("KSTREAM-SINK-0000000007", [b2]), ("KSTREAM-FILTER-0000000008", [b0]),
        ("KSTREAM-PEEK-0000000009", ["KSTREAM-FILTER-0000000008"]), ("KSTREAM-SINK-0000000010", ["KSTREAM-PEEK-0000000009"]),
    ])
    #expect(lines == [
        "KSTREAM-SOURCE-0000000000 --> KSTREAM-BRANCH-0000000001 <-- none",
        "KSTREAM-BRANCH-0000000001 --> KSTREAM-BRANCH-00000000011, KSTREAM-BRANCH-00000000010, KSTREAM-BRANCH-00000000012 <-- KSTREAM-SOURCE-0000000000",
        "KSTREAM-BRANCH-00000000010 --> KSTREAM-FILTER-0000000008 <-- KSTREAM-BRANCH-0000000001",
        "KSTREAM-BRANCH-00000000011 --> KSTREAM-MAPVALUES-0000000005 <-- KSTREAM-BRANCH-0000000001",
        "KSTREAM-FILTER-0000000008 --> KSTREAM-PEEK-0000000009 <-- KSTREAM-BRANCH-00000000010",
        "KSTREAM-BRANCH-00000000012 --> KSTREAM-SINK-0000000007 <-- KSTREAM-BRANCH-0000000001",
        "KSTREAM-MAPVALUES-0000000005 --> KSTREAM-SINK-0000000006 <-- KSTREAM-BRANCH-00000000011",
        "KSTREAM-PEEK-0000000009 --> KSTREAM-SINK-0000000010 <-- KSTREAM-FILTER-0000000008",
        "KSTREAM-SINK-0000000006 --> none <-- KSTREAM-MAPVALUES-0000000005",
        "KSTREAM-SINK-0000000007 --> none <-- KSTREAM-BRANCH-00000000012",
        "KSTREAM-SINK-0000000010 --> none <-- KSTREAM-PEEK-0000000009",
    ])
}
