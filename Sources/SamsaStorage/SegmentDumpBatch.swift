import NIOCore
import SamsaProtocol

/// One batch of a segment as kafka-dump-log shows it: where it starts, its header, the CRC computed over
/// its bytes (so a corrupt batch is named, not skipped), and with deep iteration its records.
public struct SegmentDumpBatch: Sendable, Equatable {
    /// Byte position of the batch in the file.
    public var position: Int
    public var header: RecordBatchHeader
    /// CRC32C of the batch from its attributes to its end; differs from `header.crc` when corrupt.
    public var computedCRC: UInt32
    /// Decoded records (deep iteration only).
    public var records: [SegmentDumpRecord]
    /// Why the records could not be decoded (a corrupt or unknown-codec batch), deep iteration only.
    public var recordError: String?

    public init(position: Int, header: RecordBatchHeader, computedCRC: UInt32, records: [SegmentDumpRecord] = [],
                recordError: String? = nil) {
        self.position = position
        self.header = header
        self.computedCRC = computedCRC
        self.records = records
        self.recordError = recordError
    }

    /// Kafka's isValid: a whole v2 header and a matching CRC.
    public var isValid: Bool { header.totalSize >= RecordBatchHeader.size && computedCRC == header.crc }

    /// Kafka's lastSequence: the base sequence advanced by the offset delta, wrapping at Int32.max.
    public var lastSequence: Int32 { Self.sequence(header.baseSequence, plus: header.lastOffsetDelta) }

    /// Kafka's DefaultRecordBatch.incrementSequence; -1 (no sequence) stays -1.
    static func sequence(_ base: Int32, plus delta: Int32) -> Int32 {
        guard base >= 0 else { return -1 }
        if base > Int32.max - delta { return delta - (Int32.max - base) - 1 }
        return base + delta
    }

    /// Decodes the records of the batch whose whole bytes are `bytes`.
    static func decodeRecords(_ bytes: ByteBuffer, header: RecordBatchHeader) -> (records: [SegmentDumpRecord], error: String?) {
        do {
            guard let batch = try RecordBatch.decodeAll(bytes, verifyCRC: false).first else {
                return ([], "the batch holds no readable records")
            }
            let records = batch.records.map { record in
                SegmentDumpRecord(
                    offset: batch.offset(of: record), timestamp: batch.timestamp(of: record),
                    key: record.key, value: record.value, headerKeys: record.headers.map(\.key),
                    sequence: sequence(header.baseSequence, plus: record.offsetDelta),
                    control: header.isControl ? SegmentDumpControl(key: record.key, value: record.value) : nil)
            }
            return (records, nil)
        } catch {
            return ([], "\(error)")
        }
    }
}

/// One record of a deep-iterated batch.
public struct SegmentDumpRecord: Sendable, Equatable {
    public var offset: Int64
    public var timestamp: Int64
    public var key: ByteBuffer?
    public var value: ByteBuffer?
    public var headerKeys: [String]
    public var sequence: Int32
    /// What a control record says (control batches only).
    public var control: SegmentDumpControl?

    public init(offset: Int64, timestamp: Int64, key: ByteBuffer?, value: ByteBuffer?, headerKeys: [String],
                sequence: Int32, control: SegmentDumpControl?) {
        self.offset = offset
        self.timestamp = timestamp
        self.key = key
        self.value = value
        self.headerKeys = headerKeys
        self.sequence = sequence
        self.control = control
    }

    public var keySize: Int { key?.readableBytes ?? -1 }
    public var valueSize: Int { value?.readableBytes ?? -1 }
}

/// A control record: an end-transaction marker, or another of Kafka's control types.
public enum SegmentDumpControl: Sendable, Equatable {
    case endTxnMarker(commit: Bool, coordinatorEpoch: Int32)
    /// Any other type id (Kafka's ControlRecordType), or -1 for a key that is not a control key.
    case other(typeId: Int16)

    init(key: ByteBuffer?, value: ByteBuffer?) {
        if let marker = try? ControlRecord(key: key, value: value) {
            self = .endTxnMarker(commit: marker.isCommit, coordinatorEpoch: marker.coordinatorEpoch)
        } else {
            self = .other(typeId: ControlRecord.type(ofKey: key) ?? -1)
        }
    }

    /// Kafka's ControlRecordType names.
    static func typeName(_ id: Int16) -> String {
        switch id {
        case 0: "ABORT"
        case 1: "COMMIT"
        case 2: "LEADER_CHANGE"
        case 3: "SNAPSHOT_HEADER"
        case 4: "SNAPSHOT_FOOTER"
        case 5: "KRAFT_VERSION"
        case 6: "KRAFT_VOTERS"
        default: "UNKNOWN"
        }
    }
}
