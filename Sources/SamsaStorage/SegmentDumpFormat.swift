import NIOCore
import SamsaProtocol

/// kafka-dump-log's lines, character for character (Kafka's DumpLogSegments.printBatchLevel and dumpLog).
public enum SegmentDumpFormat {
    /// Kafka's RecordIndent.
    public static let recordIndent = "|"

    /// `baseOffset: … lastOffset: … count: … … crc: … isvalid: true`.
    public static func batchLine(_ batch: SegmentDumpBatch) -> String {
        let h = batch.header
        let horizon = h.hasDeleteHorizon ? "OptionalLong[\(h.baseTimestamp)]" : "OptionalLong.empty"
        return "baseOffset: \(h.baseOffset) lastOffset: \(h.lastOffset) count: \(h.recordCount)"
            + " baseSequence: \(h.baseSequence) lastSequence: \(batch.lastSequence)"
            + " producerId: \(h.producerId) producerEpoch: \(h.producerEpoch)"
            + " partitionLeaderEpoch: \(h.partitionLeaderEpoch) isTransactional: \(h.isTransactional)"
            + " isControl: \(h.isControl) deleteHorizonMs: \(horizon)"
            + " position: \(batch.position) \(timestampType(h)): \(h.maxTimestamp)"
            + " size: \(h.totalSize) magic: \(h.magic) compresscodec: \(codecName(h)) crc: \(h.crc) isvalid: \(batch.isValid)"
    }

    /// `| offset: … CreateTime: … keySize: … valueSize: … sequence: … headerKeys: [...]`, with the control
    /// marker for control records and `key:`/`payload:` (as UTF-8, like Kafka's StringDecoder) with `printData`.
    public static func recordLine(_ record: SegmentDumpRecord, in batch: SegmentDumpBatch, printData: Bool) -> String {
        var line = "\(recordIndent) offset: \(record.offset) \(timestampType(batch.header)): \(record.timestamp)"
            + " keySize: \(record.keySize) valueSize: \(record.valueSize)"
            + " sequence: \(record.sequence) headerKeys: [\(record.headerKeys.joined(separator: ","))]"
        switch record.control {
        case .endTxnMarker(let commit, let epoch)?:
            line += " endTxnMarker: \(commit ? "COMMIT" : "ABORT") coordinatorEpoch: \(epoch)"
        case .other(let id)?:
            line += " controlType: \(SegmentDumpControl.typeName(id))(\(id))"
        case nil:
            break
        }
        if printData && !batch.header.isControl {
            if let key = record.key { line += " key: \(string(key))" }
            if let value = record.value { line += " payload: \(string(value))" }
        }
        return line
    }

    /// "CreateTime" or "LogAppendTime" (Kafka's TimestampType names).
    public static func timestampType(_ header: RecordBatchHeader) -> String {
        header.isLogAppendTime ? "LogAppendTime" : "CreateTime"
    }

    /// Kafka's CompressionType names.
    public static func codecName(_ header: RecordBatchHeader) -> String {
        header.compression.map { "\($0)" } ?? "unknown(\(header.attributes & 0x07))"
    }

    /// Bytes as Kafka's StringDecoder shows them: UTF-8, malformed sequences replaced.
    static func string(_ bytes: ByteBuffer) -> String {
        String(decoding: bytes.readableBytesView, as: UTF8.self)
    }
}
