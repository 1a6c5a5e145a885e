/// Where source connectors' offsets live: a file in standalone mode (`offset.storage.file.filename`), the
/// compacted `offset.storage.topic` in distributed mode. Keys and values are written as Kafka does, with a
/// schemaless JsonConverter: key `["<connector>",{<source partition>}]`, value `{<source offset>}`.
public protocol OffsetStore: Sendable {
    /// Loads what is stored (a missing file or an empty topic is no offsets; a corrupt file is one sentence).
    func start() async throws
    /// The latest offsets of one connector's source partitions.
    func offsets(connector: String) async -> [SourceMap: SourceMap]
    /// Stores offsets durably (a file rewritten atomically, or records produced and acknowledged).
    func write(connector: String, offsets: [SourceMap: SourceMap]) async throws
    /// Drops a deleted connector's offsets (Kafka keeps them; the REST `DELETE …/offsets` would remove them).
    func stop() async
}
