/// Kafka's `KStreamKTableJoinProcessor`: each stream record looks up the table's current value for its (mapped)
/// key and emits `joiner(key, value, tableValue)` with the stream record's timestamp — inner joins only when the
/// table has the key, left joins always. Table updates never trigger output. Serves KTable (key mapper: the
/// key itself) and GlobalKTable joins (a key selector).
final class StreamTableJoinProcessor: ProcessorNode {
    private let lookupFactory: TableLookupFactory
    private let keyMapper: (Any?, Any?) throws -> Any?
    private let joiner: (Any?, Any?, Any?) throws -> Any?
    private let leftJoin: Bool
    private var context: ProcessorContext!
    private var lookup: ((Any) throws -> (value: Any, timestamp: Int64?)?)!

    init(lookup: @escaping TableLookupFactory, keyMapper: @escaping (Any?, Any?) throws -> Any?,
         joiner: @escaping (Any?, Any?, Any?) throws -> Any?, leftJoin: Bool) {
        self.lookupFactory = lookup
        self.keyMapper = keyMapper
        self.joiner = joiner
        self.leftJoin = leftJoin
    }

    func initialize(_ context: ProcessorContext) throws {
        self.context = context
        lookup = try lookupFactory(context)
    }

    func process(_ record: AnyRecord) throws {
        guard let value = record.value else { return context.recordDropped(reason: .nullValue) }
        let mappedKey = try keyMapper(record.key, value)
        if mappedKey == nil && !(leftJoin && record.key == nil) {
            return context.recordDropped(reason: .nullKey)
        }
        let tableValue = try mappedKey.flatMap { try lookup($0) }?.value
        guard leftJoin || tableValue != nil else { return }
        try context.forward(AnyRecord(key: record.key, value: try joiner(record.key, value, tableValue),
                                      timestamp: record.timestamp, headers: record.headers))
    }
}
