/// Kafka's `KStreamJoinWindow`: forwards each record and keeps it (unless its key or value is null) in its side's join
/// window store, under its timestamp, for the other side to find.
final class JoinWindowProcessor: ProcessorNode {
    private let storeName: String
    private let keySerde: ErasedSerde
    private let valueSerde: ErasedSerde
    private var context: ProcessorContext!
    private var store: WindowStore!

    init(storeName: String, keySerde: ErasedSerde, valueSerde: ErasedSerde) {
        self.storeName = storeName
        self.keySerde = keySerde
        self.valueSerde = valueSerde
    }

    func initialize(_ context: ProcessorContext) throws {
        self.context = context
        store = try context.windowStore(storeName)
    }

    func process(_ record: AnyRecord) throws {
        try context.forward(record)
        // A null key or value can never join (and a store keeping duplicates ignores null puts anyway).
        guard let key = record.key, let value = record.value else { return }
        try store.put(try keySerde.serialize(key), try valueSerde.serialize(value), windowStart: record.timestamp)
    }
}
