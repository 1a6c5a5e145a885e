/// A serde whose type is erased, so join processors over many value types can share one implementation.
struct ErasedSerde: Sendable {
    let serialize: @Sendable (Any) throws -> [UInt8]
    let deserialize: @Sendable ([UInt8]) throws -> Any

    init<T>(_ serde: Serde<T>, what: String) {
        serialize = { value in try serde.serialize(try cast(value, what)) }
        deserialize = { try serde.deserialize($0) }
    }
}
