/// The record browser's reads and re-produce go through the workbench's own clients over the wire.
extension EmbeddedSource {
    public func browseBounds(topic: String, partition: Int32) async throws -> BrowseBounds {
        try await clients.browseBounds(topic: topic, partition: partition)
    }
    public func browseOffset(topic: String, partition: Int32, atOrAfter timestamp: Int64) async throws -> Int64? {
        try await clients.browseOffset(topic: topic, partition: partition, atOrAfter: timestamp)
    }
    public func browseRead(topic: String, partition: Int32, from offset: Int64, maxRecords: Int, until: Int64?) async throws -> BrowsePage {
        try await clients.browseRead(topic: topic, partition: partition, from: offset, maxRecords: maxRecords, until: until)
    }
    public func reproduce(_ request: ReproduceRequest) async throws -> ProduceReceipt {
        try await clients.reproduce(request)
    }
}
