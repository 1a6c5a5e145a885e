/// One side of Kafka's `KTableKTableInnerJoin` / `LeftJoin` / `RightJoin` / `OuterJoin`: an update `Change(new,
/// old)` on this side looks up the other table's value and forwards the joined new and old results, so
/// downstream tables see correct updates and retractions (a join result that disappears is a tombstone).
/// The result's timestamp is the larger of the two sides' when the other store keeps timestamps, else the
/// update's own (stores here hold plain values, as Kafka's changelogs do).
final class TableTableJoinProcessor: ProcessorNode {
    private let kind: JoinKind
    private let isLeftSide: Bool
    private let lookupFactory: TableLookupFactory
    /// (key, left value, right value) → joined value.
    private let joiner: (Any?, Any?, Any?) throws -> Any?
    private var context: ProcessorContext!
    private var lookup: ((Any) throws -> (value: Any, timestamp: Int64?)?)!

    init(kind: JoinKind, isLeftSide: Bool, otherLookup: @escaping TableLookupFactory,
         joiner: @escaping (Any?, Any?, Any?) throws -> Any?) {
        self.kind = kind
        self.isLeftSide = isLeftSide
        self.lookupFactory = otherLookup
        self.joiner = joiner
    }

    func initialize(_ context: ProcessorContext) throws {
        self.context = context
        lookup = try lookupFactory(context)
    }

    private func join(_ key: Any, this: Any?, other: Any?) throws -> Any? {
        isLeftSide ? try joiner(key, this, other) : try joiner(key, other, this)
    }

    func process(_ record: AnyRecord) throws {
        guard let key = record.key else { return context.recordDropped(reason: .nullKey) }
        let change: Change = try cast(record.value, "table change")
        let other = try lookup(key)
        // Whether a result exists needs this side's value (inner; left join's left side), the other side's
        // (inner; left join's right side), or either (outer).
        let thisRequired = kind == .inner || (kind == .left && isLeftSide)
        let otherRequired = kind == .inner || (kind == .left && !isLeftSide)
        if otherRequired && other == nil { return }
        if other == nil && change.new == nil && change.old == nil { return }
        let timestamp = max(record.timestamp, other?.timestamp ?? record.timestamp)
        func result(_ this: Any?) throws -> Any? {
            if thisRequired && this == nil { return nil }
            if this == nil && other == nil { return nil }
            return try join(key, this: this, other: other?.value)
        }
        try context.forward(AnyRecord(key: key, value: Change(new: try result(change.new), old: try result(change.old)),
                                      timestamp: timestamp, headers: record.headers))
    }
}
