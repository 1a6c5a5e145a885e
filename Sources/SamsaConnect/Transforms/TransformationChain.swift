/// A connector's single message transforms, in `transforms=` order, each optionally guarded by a predicate
/// (Kafka's `TransformationChain` of `TransformationStage`s), built from the connector's config:
///
///     transforms=route,drop
///     transforms.route.type=org.apache.kafka.connect.transforms.RegexRouter
///     transforms.route.regex=(.*)-raw
///     transforms.route.replacement=$1
///     transforms.drop.type=Filter
///     transforms.drop.predicate=isTombstone
///     predicates=isTombstone
///     predicates.isTombstone.type=org.apache.kafka.connect.transforms.predicates.RecordIsTombstone
///
/// Transforms and predicates are not Sendable: a chain belongs to the one task that built it.
public final class TransformationChain {
    /// One transform and the predicate that decides whether it runs.
    public struct Stage {
        public let alias: String
        /// The transform's class name as registered (`org.apache.kafka.connect.transforms.InsertField$Value`),
        /// what Kafka's error log and dead letter queue headers name.
        public let className: String
        public let transformation: any Transformation
        public let predicateAlias: String?
        public let predicate: (any TransformPredicate)?
        public let negate: Bool

        /// Kafka's `TransformationStage.apply`: run the transform when there is no predicate or when
        /// `negate XOR predicate.test(record)`; otherwise pass the record on unchanged.
        public func apply(_ record: ConnectRecord) throws -> ConnectRecord? {
            if let predicate, negate == predicate.test(record) { return record }
            return try transformation.apply(record)
        }
    }

    public let stages: [Stage]
    /// The stage whose transform or predicate threw during the last `apply`, nil after a clean one (for
    /// Kafka's `errors.log.*` and DLQ headers, which name the failing transform's class).
    public private(set) var failedStage: Stage?

    /// Builds and configures every stage, throwing `ConnectError.config` with Kafka's sentence for the first
    /// problem (duplicate alias, missing or unknown `type`, a bad transform or predicate setting, `negate`
    /// without `predicate`, a predicate alias that `predicates` does not define).
    public init(config: [String: String], plugins: PluginRegistry = .builtin) throws {
        let spec = ChainSpec(config: config, plugins: plugins)
        if let problem = spec.firstProblem() { throw ConnectError.config(problem) }
        var stages: [Stage] = []
        var predicates: [String: any TransformPredicate] = [:]
        do {
            for alias in spec.transformAliases {
                let prefix = "transforms.\(alias)."
                guard case .found(let plugin) = spec.resolveTransform(alias) else { continue }
                let transformation = plugin.make()
                var own = ChainSpec.strip(config, prefix: prefix)
                let predicateAlias = own.removeValue(forKey: "predicate")?.trimmingCharacters(in: .whitespaces)
                let negate = own.removeValue(forKey: "negate")?.trimmingCharacters(in: .whitespaces).lowercased() == "true"
                try transformation.configure(own)
                var predicate: (any TransformPredicate)?
                if let predicateAlias, !predicateAlias.isEmpty {
                    if let existing = predicates[predicateAlias] {
                        predicate = existing
                    } else if case .found(let p) = spec.resolvePredicate(predicateAlias) {
                        let made = p.make()
                        try made.configure(ChainSpec.strip(config, prefix: "predicates.\(predicateAlias)."))
                        predicates[predicateAlias] = made
                        predicate = made
                    }
                }
                stages.append(Stage(alias: alias, className: plugin.className, transformation: transformation, predicateAlias: predicateAlias,
                                    predicate: predicate, negate: negate))
            }
        } catch {
            stages.forEach { $0.transformation.close() }
            predicates.values.forEach { $0.close() }
            throw error
        }
        self.stages = stages
    }

    public var isEmpty: Bool { stages.isEmpty }

    /// The record after every stage, or nil once a stage drops it (the remaining stages do not run).
    public func apply(_ record: ConnectRecord) throws -> ConnectRecord? {
        var current = record
        failedStage = nil
        for stage in stages {
            do {
                guard let next = try stage.apply(current) else { return nil }
                current = next
            } catch {
                failedStage = stage
                throw error
            }
        }
        return current
    }

    /// Closes every transform and predicate (each predicate once, however many stages share it).
    public func close() {
        var closed = Set<ObjectIdentifier>()
        for stage in stages {
            stage.transformation.close()
            if let p = stage.predicate, closed.insert(ObjectIdentifier(p)).inserted { p.close() }
        }
    }
}
