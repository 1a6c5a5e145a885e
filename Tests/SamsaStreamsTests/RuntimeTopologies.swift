import Foundation
import SamsaProtocol
import SamsaStreams

/// Hand-written topologies for the runtime's tests (built on the contract, without the DSL).
enum RuntimeTopologies {
    /// Word count in two subtopologies, as Kafka's WordCountDemo plans it: 0 splits lines into words and
    /// writes them keyed by word to `words-repartition`; 1 counts per word in the logged store `counts` and
    /// writes each new count (8-byte big-endian Long) to `output`. `failAfter` makes subtopology 1 throw
    /// once that many records were counted in this process (a crash mid-transaction).
    static func wordCount(input: String, output: String, failAfter: Int? = nil) -> Topology {
        let store = StoreSpec(name: "counts", kind: .keyValue)
        let subtopologies = [
            SubtopologySpec(id: 0, sourceTopics: [input], sinkTopics: ["words-repartition"], stores: [], copartitionGroups: []),
            SubtopologySpec(id: 1, sourceTopics: ["words-repartition"], sinkTopics: [output], stores: [store], copartitionGroups: []),
        ]
        let internalTopics = [InternalTopicSpec(name: "words-repartition", kind: .repartition),
                              InternalTopicSpec(name: "counts-changelog", kind: .changelog)]
        let description = TopologyDescription(subtopologies: [
            .init(id: 0, nodes: [.init(name: "KSTREAM-SOURCE-0000000000", kind: .source(topics: [input]), predecessors: [], successors: [])]),
            .init(id: 1, nodes: [.init(name: "KSTREAM-SOURCE-0000000001", kind: .source(topics: ["words-repartition"]), predecessors: [], successors: [])]),
        ], globalStores: [])
        let counted = CountBox()
        return Topology(description: description, subtopologies: subtopologies, internalTopics: internalTopics, globalStores: [],
                        taskFactory: { id, context in
                            if id.subtopology == 0 {
                                return SplitTask(context: context, target: "\(context.applicationId)-words-repartition")
                            }
                            let kv = try context.store(for: store) as! KeyValueStore
                            return CountTask(context: context, store: kv, output: output, failAfter: failAfter, counted: counted)
                        },
                        globalFactory: { _ in nil })
    }

    /// One subtopology counting records per key of `input` (the key is the word) into the logged store
    /// `counts`, writing each new count to `output`; `failAfter` as in `wordCount`.
    static func keyCount(input: String, output: String, failAfter: Int? = nil) -> Topology {
        let store = StoreSpec(name: "counts", kind: .keyValue)
        let sub = SubtopologySpec(id: 0, sourceTopics: [input], sinkTopics: [output], stores: [store], copartitionGroups: [])
        let counted = CountBox()
        return Topology(description: TopologyDescription(subtopologies: [], globalStores: []), subtopologies: [sub],
                        internalTopics: [InternalTopicSpec(name: "counts-changelog", kind: .changelog)], globalStores: [],
                        taskFactory: { _, context in
                            CountTask(context: context, store: try context.store(for: store) as! KeyValueStore, output: output,
                                      failAfter: failAfter, counted: counted)
                        },
                        globalFactory: { _ in nil })
    }

    /// A join-shaped topology reading two topics that must be co-partitioned.
    static func copartitioned(left: String, right: String) -> Topology {
        let sub = SubtopologySpec(id: 0, sourceTopics: [left, right], sinkTopics: [], stores: [], copartitionGroups: [[left, right]])
        return Topology(description: TopologyDescription(subtopologies: [], globalStores: []), subtopologies: [sub],
                        internalTopics: [], globalStores: [], taskFactory: { _, context in SplitTask(context: context, target: "unused") },
                        globalFactory: { _ in nil })
    }
}

/// How many records the counting tasks of one topology processed, across its tasks.
final class CountBox: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() -> Int { lock.lock(); defer { lock.unlock() }; count += 1; return count }
}

struct InjectedCrash: Error {}

final class SplitTask: TaskProcessor {
    let context: TaskContext
    let target: String
    var streamTime: Int64 = .min
    init(context: TaskContext, target: String) {
        self.context = context
        self.target = target
    }
    var stores: [StateStore] { [] }
    func process(_ record: InputRecord) throws {
        streamTime = max(streamTime, record.timestamp)
        let line = String(decoding: record.value ?? [], as: UTF8.self).lowercased()
        for word in line.split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
            try context.send(topic: target, partition: nil, key: Array(word.utf8), value: Array(word.utf8), timestamp: record.timestamp, headers: [])
        }
    }
    func punctuate(wallClockMs: Int64) throws {}
    func flush() throws {}
    func close() {}
}

final class CountTask: TaskProcessor {
    let context: TaskContext
    let store: KeyValueStore
    let output: String
    let failAfter: Int?
    let counted: CountBox
    var streamTime: Int64 = .min
    init(context: TaskContext, store: KeyValueStore, output: String, failAfter: Int?, counted: CountBox) {
        self.context = context
        self.store = store
        self.output = output
        self.failAfter = failAfter
        self.counted = counted
    }
    var stores: [StateStore] { [store] }
    func process(_ record: InputRecord) throws {
        streamTime = max(streamTime, record.timestamp)
        guard let key = record.key else { context.recordDropped(reason: .nullKey); return }
        let old = try store.get(key).map { $0.reduce(Int64(0)) { ($0 << 8) | Int64($1) } } ?? 0
        let new = withUnsafeBytes(of: (old + 1).bigEndian) { Array($0) }
        try store.put(key, new)
        try context.send(topic: output, partition: nil, key: key, value: new, timestamp: record.timestamp, headers: [])
        if let failAfter, counted.increment() == failAfter { throw InjectedCrash() }
    }
    func punctuate(wallClockMs: Int64) throws {}
    func flush() throws {}
    func close() {}
}
