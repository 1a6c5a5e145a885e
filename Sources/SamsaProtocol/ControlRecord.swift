import NIOCore

/// Kafka's end-transaction marker: the one record of a control batch a transaction coordinator writes to
/// each partition of a transaction when it commits or aborts (Kafka's ControlRecordType and
/// EndTransactionMarker).
///
///     key:   version int16 (0) | type int16 (0 ABORT, 1 COMMIT)
///     value: version int16 (0) | coordinatorEpoch int32
///
/// Readers accept newer versions by reading the fields they know, as Kafka does.
public struct ControlRecord: Sendable, Equatable {
    public enum Kind: Int16, Sendable {
        case abort = 0
        case commit = 1
    }

    public var kind: Kind
    public var coordinatorEpoch: Int32

    public init(kind: Kind, coordinatorEpoch: Int32) {
        self.kind = kind
        self.coordinatorEpoch = coordinatorEpoch
    }

    public var isCommit: Bool { kind == .commit }

    public var key: ByteBuffer {
        var buffer = ByteBuffer()
        buffer.writeInteger(Int16(0))
        buffer.writeInteger(kind.rawValue)
        return buffer
    }

    public var value: ByteBuffer {
        var buffer = ByteBuffer()
        buffer.writeInteger(Int16(0))
        buffer.writeInteger(coordinatorEpoch)
        return buffer
    }

    /// The control type in a control record's key (any type, including ones that are not markers),
    /// or nil if the key is malformed.
    public static func type(ofKey key: ByteBuffer?) -> Int16? {
        guard let key, key.readableBytes >= 4, let version: Int16 = key.getInteger(at: key.readerIndex), version >= 0 else {
            return nil
        }
        return key.getInteger(at: key.readerIndex + 2)
    }

    /// Decodes an end-transaction marker from a control record's key and value.
    public init(key: ByteBuffer?, value: ByteBuffer?) throws {
        guard let type = Self.type(ofKey: key) else {
            throw ProtocolError.invalidRecordBatch("control record key is not version int16 + type int16")
        }
        guard let kind = Kind(rawValue: type) else {
            throw ProtocolError.invalidRecordBatch("control record type \(type) is not an end-transaction marker")
        }
        guard let value, value.readableBytes >= 6, let version: Int16 = value.getInteger(at: value.readerIndex), version >= 0,
              let epoch: Int32 = value.getInteger(at: value.readerIndex + 2) else {
            throw ProtocolError.invalidRecordBatch("end-transaction marker value is not version int16 + coordinator epoch int32")
        }
        self.init(kind: kind, coordinatorEpoch: epoch)
    }

    /// The marker in a control batch (the batch's first record), or nil if `batch` holds no marker.
    public init?(batch: ByteBuffer) {
        guard let header = RecordBatchHeader(buffer: batch, at: batch.readerIndex), header.isControl,
              let decoded = try? RecordBatch.decodeAll(batch, verifyCRC: false).first, let record = decoded.records.first,
              let marker = try? ControlRecord(key: record.key, value: record.value) else { return nil }
        self = marker
    }

    /// A whole control batch holding this marker for `producerId`/`producerEpoch`, as a coordinator
    /// writes it: transactional and control attributes, base sequence -1, one record timestamped `timestamp`.
    public func batch(producerId: Int64, producerEpoch: Int16, timestamp: Int64) -> ByteBuffer {
        var builder = RecordBatchBuilder(capacity: 64)
        builder.producerId = producerId
        builder.producerEpoch = producerEpoch
        builder.baseSequence = -1
        builder.isTransactional = true
        builder.isControl = true
        builder.append(key: key, value: value, timestamp: timestamp)
        return builder.build()
    }
}
