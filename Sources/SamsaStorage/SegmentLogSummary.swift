import SamsaProtocol

/// One `.log` segment at a glance (the workbench's segments view): its batches, offsets and timestamps, and
/// what is wrong with it, from one shallow walk of its headers with CRCs checked.
public struct SegmentLogSummary: Sendable, Equatable {
    public var fileName: String
    public var baseOffset: Int64
    /// Bytes in the file when it was read.
    public var size: Int
    public var batchCount = 0
    public var recordCount = 0
    public var firstOffset: Int64?
    public var lastOffset: Int64?
    /// The first batch's base timestamp and the largest timestamp in the segment.
    public var firstTimestamp: Int64?
    public var maxTimestamp: Int64?
    /// Positions of batches whose CRC does not match.
    public var corruptPositions: [Int] = []
    /// What ended the walk early or was left over: trailing bytes or an unframeable batch.
    public var problem: String?

    public init(fileName: String, baseOffset: Int64, size: Int) {
        self.fileName = fileName
        self.baseOffset = baseOffset
        self.size = size
    }

    /// Walks `bytes` (the segment `fileName`, base offset `baseOffset`).
    public static func scan(_ bytes: SegmentDumpBytes, fileName: String, baseOffset: Int64) throws -> SegmentLogSummary {
        var summary = SegmentLogSummary(fileName: fileName, baseOffset: baseOffset, size: bytes.size)
        var scanner = SegmentLogScanner(bytes, deep: false)
        while let batch = try scanner.next() {
            let h = batch.header
            summary.batchCount += 1
            summary.recordCount += Int(h.recordCount)
            if summary.firstOffset == nil {
                summary.firstOffset = h.baseOffset
                summary.firstTimestamp = h.baseTimestamp
            }
            summary.lastOffset = h.lastOffset
            summary.maxTimestamp = max(summary.maxTimestamp ?? h.maxTimestamp, h.maxTimestamp)
            if !batch.isValid { summary.corruptPositions.append(batch.position) }
        }
        switch scanner.finished {
        case .trailingBytes(let count)?: summary.problem = "\(count) invalid bytes at the end"
        case .corrupt(let position, let reason)?: summary.problem = "\(reason) at position \(position)"
        default: break
        }
        return summary
    }

    /// Summaries of every `<base offset>.log` in a partition directory, oldest first. Read-only.
    public static func scanDirectory(_ directory: String) throws -> [SegmentLogSummary] {
        let names = try Files.list(directory).filter { $0.hasSuffix(".log") }
        let segments = names.compactMap { name in Int64(name.dropLast(4)).map { (name, $0) } }.sorted { $0.1 < $1.1 }
        return try segments.map { name, base in
            try scan(SegmentDumpBytes(file: SegmentDumpFile(path: directory + "/" + name)), fileName: name, baseOffset: base)
        }
    }

    /// kafka-dump-log's lines for one segment with deep iteration: "Log starting offset", a line per batch
    /// and per record, and the end of the walk; at most `limit` batches (then a line says how many more bytes).
    public static func dumpLines(_ bytes: SegmentDumpBytes, baseOffset: Int64, fileName: String, printData: Bool,
                                 limit: Int) throws -> [String] {
        var lines = ["Log starting offset: \(baseOffset)"]
        var scanner = SegmentLogScanner(bytes, deep: true)
        var shown = 0
        while shown < limit, let batch = try scanner.next() {
            shown += 1
            lines.append(SegmentDumpFormat.batchLine(batch))
            if let why = batch.recordError { lines.append("\(SegmentDumpFormat.recordIndent) records unreadable: \(why)") }
            for record in batch.records {
                lines.append(SegmentDumpFormat.recordLine(record, in: batch, printData: printData))
            }
        }
        let shownEnd = scanner.position
        let more = scanner.finished == nil ? try scanner.next() != nil : false
        if more {
            lines.append("… the first \(limit) batches shown; \(bytes.size - shownEnd) more bytes in \(fileName)")
            return lines
        }
        switch scanner.finished {
        case .trailingBytes(let count)?: lines.append("Found \(count) invalid bytes at the end of \(fileName)")
        case .corrupt(let position, let reason)?: lines.append("\(reason) at position \(position) in \(fileName); the rest was not read")
        case .clean?, nil: break
        }
        return lines
    }
}
