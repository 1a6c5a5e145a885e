import NIOCore
import SamsaClient
import SamsaProtocol

/// The record browser's reads (SamsaClient's ``RecordReader``: no group, no commits) and its re-produce
/// (the workbench's acks=all producer), on the workbench's own client.
extension WorkbenchClients {
    var recordReader: RecordReader { RecordReader(client: client) }

    func browseBounds(topic: String, partition: Int32) async throws -> BrowseBounds {
        let bounds = try await readable(.init(operation: "Describe", topic: topic)) { try await recordReader.bounds(topic: topic, partition: partition) }
        return BrowseBounds(start: bounds.logStartOffset, end: bounds.endOffset)
    }

    func browseOffset(topic: String, partition: Int32, atOrAfter timestamp: Int64) async throws -> Int64? {
        try await readable(.init(operation: "Describe", topic: topic)) { try await recordReader.offset(topic: topic, partition: partition, atOrAfter: timestamp) }
    }

    func browseRead(topic: String, partition: Int32, from offset: Int64, maxRecords: Int, until: Int64?) async throws -> BrowsePage {
        let page = try await readable(.read(topic: topic)) {
            try await recordReader.read(topic: topic, partition: partition, from: offset, maxRecords: maxRecords, until: until)
        }
        return BrowsePage(records: page.records.map(Self.browsed), nextOffset: page.nextOffset,
                          bounds: BrowseBounds(start: page.bounds.logStartOffset, end: page.bounds.endOffset))
    }

    static func browsed(_ record: RecordReader.Record) -> BrowsedRecord {
        BrowsedRecord(topic: record.topic, partition: record.partition, offset: record.offset, timestamp: record.timestamp,
                      isLogAppendTime: record.isLogAppendTime, key: record.key, value: record.value,
                      headers: record.headers.map { BrowsedRecord.Header(key: $0.key, value: $0.value) },
                      sizeInBytes: record.sizeInBytes, isTransactional: record.isTransactional, isAborted: record.isAborted,
                      producerId: record.producerId)
    }

    func reproduce(_ request: ReproduceRequest) async throws -> ProduceReceipt {
        let record = ProducerRecord(
            topic: request.topic, partition: request.partition, key: request.key.map { ByteBuffer(bytes: $0) },
            value: request.value.map { ByteBuffer(bytes: $0) },
            headers: request.headers.map { RecordHeader(key: $0.key, value: $0.value.map { ByteBuffer(bytes: $0) }) })
        let producer = producer(acks: Acks.all.rawValue)
        let metadata = try await readable(.write(topic: request.topic)) { try await producer.send(record) }
        return ProduceReceipt(partition: metadata.partition, offset: metadata.offset)
    }
}
