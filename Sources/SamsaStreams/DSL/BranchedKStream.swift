/// Names one branch of a split (Kafka's `Branched`): the branch's stream is `<split name><branch name>` in
/// the map `defaultBranch()`/`noDefaultBranch()` return.
public struct Branched: Sendable {
    public var name: String?
    public init(name: String? = nil) { self.name = name }
    public static func `as`(_ name: String) -> Branched { Branched(name: name) }
}

/// Splits a stream by predicates (Kafka's `BranchedKStream`): each record goes to the first branch whose
/// predicate holds, else to the default branch, if any.
public final class BranchedKStream<K, V> {
    private let source: KStream<K, V>
    private let splitterName: String
    private let predicates = SharedValue<[@Sendable (K?, V) -> Bool]>([])
    private let childNames = SharedValue<[String]>([])
    private var branches: [String: KStream<K, V>] = [:]

    init(source: KStream<K, V>, named: Named?) {
        self.source = source
        splitterName = named.orGenerate(source.builder, prefix: "KSTREAM-BRANCH-")
        let predicates = self.predicates, childNames = self.childNames
        source.builder.graph.addProcessor(name: splitterName, parents: [source.name]) {
            let tests = predicates.value, children = childNames.value
            return FunctionProcessor { record, context in
                // Kafka's KStreamBranch: the default branch (if any) is the child after the predicates' ones.
                let key = record.key.map { $0 as! K }
                // A null value matches no predicate: it goes to the default branch, if any.
                if let value = record.value, let index = tests.firstIndex(where: { $0(key, value as! V) }) {
                    try context.forward(record, to: children[index])
                } else if children.count > tests.count {
                    try context.forward(record, to: children[tests.count])
                }
            }
        }
    }

    @discardableResult
    public func branch(_ predicate: @escaping @Sendable (K?, V) -> Bool, _ branched: Branched = Branched()) -> BranchedKStream {
        predicates.value.append(predicate)
        addBranch(branched, index: predicates.value.count)
        return self
    }

    public func defaultBranch(_ branched: Branched = Branched()) -> [String: KStream<K, V>] {
        addBranch(branched, index: 0)
        return branches
    }

    public func noDefaultBranch() -> [String: KStream<K, V>] { branches }

    private func addBranch(_ branched: Branched, index: Int) {
        let name = splitterName + (branched.name ?? String(index))
        childNames.value.append(name)
        _ = source.builder.newName(prefix: name)
        source.builder.graph.addProcessor(name: name, parents: [splitterName]) {
            FunctionProcessor { record, context in try context.forward(record) }
        }
        branches[name] = KStream(builder: source.builder, name: name, keySerde: source.keySerde,
                                 valueSerde: source.valueSerde, repartitionRequired: source.repartitionRequired)
    }
}

extension KStream {
    /// Starts a split into branches (Kafka's `split`).
    public func split(named: Named? = nil) -> BranchedKStream<K, V> {
        BranchedKStream(source: self, named: named)
    }
}
