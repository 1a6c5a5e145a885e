#if canImport(Glibc)
import Glibc
#endif
import NIOCore

/// What `samsa dump-log` was asked for (kafka-dump-log's flags).
public struct SegmentDumpOptions: Sendable, Equatable {
    public var files: [String]
    public var printDataLog = false
    public var deepIteration = false
    public var verifyIndexOnly = false
    public var indexSanityCheck = false
    /// Kafka's default: Integer.MAX_VALUE, which also turns on the trailing-bytes report.
    public var maxBytes = Int(Int32.max)

    public init(files: [String]) { self.files = files }

    /// Deep iteration is implied by --print-data-log, as in Kafka.
    public var isDeep: Bool { deepIteration || printDataLog }
}

/// kafka-dump-log over files: each one announced with "Dumping <file>" and dumped by its suffix, then the
/// problems found, on the error stream, in Kafka's order (index mismatches, time index errors,
/// non-consecutive offsets) followed by the corrupt batches, each named with its byte position.
/// Reads files read-only. Returns false when a file could not be read or holds a corrupt batch.
public struct SegmentDumpTool {
    let options: SegmentDumpOptions
    let out: (String) -> Void
    let err: (String) -> Void
    var indexMismatches: [(path: String, pairs: [(Int64, Int64)])] = []
    var timeIndexErrors: [(path: String, errors: SegmentIndexDump.TimeIndexErrors)] = []
    var nonConsecutive: [(path: String, pairs: [(Int64, Int64)])] = []
    var corruptBatches: [(path: String, lines: [String])] = []
    var ok = true

    public static func run(_ options: SegmentDumpOptions, out: @escaping (String) -> Void,
                           err: @escaping (String) -> Void) -> Bool {
        var tool = SegmentDumpTool(options: options, out: out, err: err)
        for path in options.files { tool.dump(path) }
        tool.printProblems()
        return tool.ok
    }

    private mutating func dump(_ path: String) {
        out("Dumping \(path)")
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: ".") else { return ignore(path) }
        let suffix = name[dot...]
        guard [".log", ".index", ".timeindex", ".txnindex"].contains(suffix) else { return ignore(path) }
        do {
            _ = try SegmentDumpFile(path: path)
        } catch {
            ok = false
            return err("\(error)")
        }
        guard let baseOffset = Int64(name[..<(name.firstIndex(of: ".") ?? dot)]) else {
            ok = false
            return err("\(path) is not a segment file: its name must be the segment's base offset, like 00000000000000000000\(suffix).")
        }
        do {
            switch suffix {
            case ".log": try dumpLog(path, name: name, baseOffset: baseOffset)
            case ".index": try dumpIndex(path, baseOffset: baseOffset)
            case ".timeindex": try dumpTimeIndex(path, baseOffset: baseOffset)
            default: try dumpTxnIndex(path)
            }
        } catch {
            ok = false
            err("\(error)")
        }
    }

    private func ignore(_ path: String) { err("Ignoring unknown file \(path)") }

    private mutating func dumpLog(_ path: String, name: String, baseOffset: Int64) throws {
        let file = try SegmentDumpFile(path: path)
        out("Log starting offset: \(baseOffset)")
        var scanner = SegmentLogScanner(SegmentDumpBytes(file: file), deep: options.isDeep, maxBytes: options.maxBytes)
        var lastOffset: Int64 = -1
        var gaps: [(Int64, Int64)] = []
        var corrupt: [String] = []
        while let batch = try scanner.next() {
            out(SegmentDumpFormat.batchLine(batch))
            if !batch.isValid {
                corrupt.append("  position: \(batch.position) baseOffset: \(batch.header.baseOffset) stored crc: \(batch.header.crc) computed crc: \(batch.computedCRC)")
            }
            guard options.isDeep else { continue }
            if let why = batch.recordError {
                corrupt.append("  position: \(batch.position) records unreadable: \(why)")
            }
            for record in batch.records {
                if lastOffset != -1 && record.offset != lastOffset + 1 { gaps.append((lastOffset, record.offset)) }
                lastOffset = record.offset
                out(SegmentDumpFormat.recordLine(record, in: batch, printData: options.printDataLog))
            }
        }
        switch scanner.finished {
        case .trailingBytes(let count)? where options.maxBytes == Int(Int32.max):
            out("Found \(count) invalid bytes at the end of \(name)")
        case .corrupt(let position, let reason)?:
            corrupt.append("  position: \(position) \(reason); the rest of the file was not read")
        default:
            break
        }
        let absolute = Self.absolute(path)
        if !gaps.isEmpty { nonConsecutive.append((absolute, gaps)) }
        if !corrupt.isEmpty {
            ok = false
            corruptBatches.append((absolute, corrupt))
        }
    }

    private mutating func dumpIndex(_ path: String, baseOffset: Int64) throws {
        let bytes = try SegmentDumpFile(path: path).readAll()
        let entries = SegmentIndexDump.offsetEntries(bytes, baseOffset: baseOffset)
        guard !entries.isEmpty else { return out("\(path) is empty.") }
        let log = try SegmentDumpFile(path: Self.sibling(path, suffix: ".log"))
        if options.indexSanityCheck {
            if let failure = SegmentIndexDump.offsetIndexSanity(size: bytes.readableBytes, entries: entries, baseOffset: baseOffset,
                                                                logSize: log.size, path: Self.absolute(path)) {
                ok = false
                return err(failure)
            }
            return out("\(path) passed sanity check.")
        }
        let mismatches = try SegmentIndexDump.offsetMismatches(entries, log: SegmentDumpBytes(file: log))
        if !options.verifyIndexOnly {
            for entry in entries { out("offset: \(entry.offset) position: \(entry.position)") }
        }
        // Kafka prepends each mismatch to a list, so they print last first.
        if !mismatches.isEmpty { indexMismatches.append((Self.absolute(path), mismatches.reversed().map { ($0.indexOffset, $0.logOffset) })) }
    }

    private mutating func dumpTimeIndex(_ path: String, baseOffset: Int64) throws {
        let bytes = try SegmentDumpFile(path: path).readAll()
        let entries = SegmentIndexDump.timeEntries(bytes, baseOffset: baseOffset)
        if options.indexSanityCheck {
            if let failure = SegmentIndexDump.timeIndexSanity(size: bytes.readableBytes, entries: entries, baseOffset: baseOffset,
                                                              path: Self.absolute(path)) {
                ok = false
                return err(failure)
            }
            return out("\(path) passed sanity check.")
        }
        let log = try SegmentDumpFile(path: Self.sibling(path, suffix: ".log"))
        let headers = try SegmentLogScanner.scanAll(SegmentDumpBytes(file: log), deep: false).batches.map(\.header)
        let errors = SegmentIndexDump.timeIndexErrors(entries, batches: headers)
        if !options.verifyIndexOnly {
            for entry in entries { out("timestamp: \(entry.timestamp) offset: \(entry.offset)") }
        }
        if !errors.isEmpty { timeIndexErrors.append((Self.absolute(path), errors)) }
    }

    /// Kafka's dumpTxnIndex: one line per aborted transaction.
    private func dumpTxnIndex(_ path: String) throws {
        let bytes = try SegmentDumpFile(path: path).readAll()
        var index = bytes.readerIndex
        while index + TransactionIndex.entrySize <= bytes.writerIndex {
            let version: Int16 = bytes.getInteger(at: index)!
            let producerId: Int64 = bytes.getInteger(at: index + 2)!
            let first: Int64 = bytes.getInteger(at: index + 10)!
            let last: Int64 = bytes.getInteger(at: index + 18)!
            let stable: Int64 = bytes.getInteger(at: index + 26)!
            out("version: \(version) producerId: \(producerId) firstOffset: \(first) lastOffset: \(last) lastStableOffset: \(stable)")
            index += TransactionIndex.entrySize
        }
    }

    private func printProblems() {
        for (path, pairs) in indexMismatches {
            err("Mismatches in :\(path)")
            for (index, log) in pairs { err("  Index offset: \(index), log offset: \(log)") }
        }
        for (path, errors) in timeIndexErrors where !errors.mismatches.isEmpty {
            err("Found timestamp mismatch in :\(path)")
            for m in errors.mismatches { err("  Index timestamp: \(m.first), log timestamp: \(m.second)") }
        }
        for (path, errors) in timeIndexErrors where !errors.outOfOrder.isEmpty {
            err("Found out of order timestamp in :\(path)")
            for m in errors.outOfOrder { err("  Index timestamp: \(m.first), Previously indexed timestamp: \(m.second)") }
        }
        for (_, errors) in timeIndexErrors where !errors.offsetsNotFound.isEmpty {
            err("The following indexed offsets are not found in the log.")
            for m in errors.offsetsNotFound { err("Indexed offset: \(m.first), found log offset: \(m.second)") }
        }
        for (path, pairs) in nonConsecutive {
            err("Non-consecutive offsets in \(path)")
            for (first, second) in pairs { err("  \(first) is followed by \(second)") }
        }
        for (path, lines) in corruptBatches {
            err("Corrupt batches in \(path)")
            lines.forEach(err)
        }
    }

    /// `<dir>/<base offset><suffix>` beside `path`.
    static func sibling(_ path: String, suffix: String) -> String {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        return directory + (name.split(separator: ".").first.map(String.init) ?? name) + suffix
    }

    /// Kafka names files in its summaries by absolute path.
    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let ok = buffer.withUnsafeMutableBufferPointer { pointer in
            pointer.withMemoryRebound(to: CChar.self) { getcwd($0.baseAddress, $0.count) != nil }
        }
        guard ok, let end = buffer.firstIndex(of: 0) else { return path }
        return String(decoding: buffer[..<end], as: UTF8.self) + "/" + path
    }
}
