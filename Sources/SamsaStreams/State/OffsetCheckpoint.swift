import Glibc
import Foundation
import SamsaProtocol

/// Kafka Streams' `.checkpoint` file (`OffsetCheckpoint`): the changelog offsets a task's local state is
/// known to contain. Text, one item per line: the version `0`, the entry count, then `topic partition offset`.
/// Written to `<file>.tmp`, fsynced, renamed over the file and the directory fsynced, so a crash leaves
/// either the old file or the new one.
public struct OffsetCheckpoint: Sendable {
    /// Kafka's sentinel for a store whose offset is not known (written, and read back, as -4).
    public static let offsetUnknown: Int64 = -4
    public static let fileName = ".checkpoint"

    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// The file's text for `offsets` (entries sorted by topic and partition so the file is reproducible).
    public static func render(_ offsets: [TopicPartition: Int64]) -> String {
        var text = "0\n\(offsets.count)\n"
        for (tp, offset) in offsets.sorted(by: { $0.key < $1.key }) {
            text += "\(tp.topic) \(tp.partition) \(offset)\n"
        }
        return text
    }

    /// Parses a checkpoint file's text as Kafka's `read()` does: negative offsets other than -4 are skipped.
    public static func parse(_ text: String, path: String = "the checkpoint file") throws -> [TopicPartition: Int64] {
        func corrupt(_ why: String) -> StateStoreError {
            StateStoreError("The checkpoint file \(path) is corrupt (\(why)); its state will be restored from the changelog.")
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        guard lines.count >= 2 else { throw corrupt("it ends before the version and entry count") }
        guard let version = Int32(lines[0]) else { throw corrupt("the version '\(lines[0])' is not a number") }
        guard version == 0 else { throw corrupt("unknown offset checkpoint version \(version)") }
        guard var expected = Int32(lines[1]) else { throw corrupt("the entry count '\(lines[1])' is not a number") }
        var offsets: [TopicPartition: Int64] = [:]
        for line in lines.dropFirst(2) {
            let pieces = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard pieces.count == 3, let partition = Int32(pieces[1]), let offset = Int64(pieces[2]) else {
                throw corrupt("malformed line '\(line)'")
            }
            if offset >= 0 || offset == offsetUnknown {
                offsets[TopicPartition(pieces[0], partition)] = offset
            } else {
                expected -= 1
            }
        }
        guard offsets.count == Int(expected) else {
            throw corrupt("expected \(expected) entries but found \(offsets.count)")
        }
        return offsets
    }

    /// The offsets in the file; empty when there is none. A corrupt file throws one `StateStoreError`
    /// sentence, which callers treat as "no checkpoint" (restore from the start of the changelog).
    public func read() throws -> [TopicPartition: Int64] {
        guard FileManager.default.fileExists(atPath: path) else { return [:] }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StateStoreError("Cannot read the checkpoint file \(path).")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw StateStoreError("The checkpoint file \(path) is corrupt (it is not UTF-8 text); its state will be restored from the changelog.")
        }
        return try Self.parse(text, path: path)
    }

    /// The offsets, or empty when the file is missing or corrupt (the caller then restores from the start).
    public func readOrEmpty() -> [TopicPartition: Int64] {
        (try? read()) ?? [:]
    }

    /// Replaces the file with `offsets`; no offsets deletes it, as Kafka does. Offsets must be >= 0 or -4.
    public func write(_ offsets: [TopicPartition: Int64]) throws {
        if offsets.isEmpty {
            try delete()
            return
        }
        if let bad = offsets.first(where: { $0.value < 0 && $0.value != Self.offsetUnknown }) {
            throw StateStoreError("Cannot checkpoint the negative offset \(bad.value) for \(bad.key) in \(path).")
        }
        let temp = path + ".tmp"
        let bytes = Array(Self.render(offsets).utf8)
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw StateStoreError("Cannot write the checkpoint file \(temp): \(String(cString: strerror(errno))).") }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, bytes.count - written) }
            if n < 0 {
                let message = String(cString: strerror(errno))
                close(fd)
                throw StateStoreError("Cannot write the checkpoint file \(temp): \(message).")
            }
            written += n
        }
        let synced = fsync(fd)
        close(fd)
        guard synced == 0 else { throw StateStoreError("Cannot sync the checkpoint file \(temp): \(String(cString: strerror(errno))).") }
        guard rename(temp, path) == 0 else {
            throw StateStoreError("Cannot replace the checkpoint file \(path): \(String(cString: strerror(errno))).")
        }
        let dir = open((path as NSString).deletingLastPathComponent, O_RDONLY)
        if dir >= 0 {
            fsync(dir)
            close(dir)
        }
    }

    public func delete() throws {
        if unlink(path) != 0 && errno != ENOENT {
            throw StateStoreError("Cannot delete the checkpoint file \(path): \(String(cString: strerror(errno))).")
        }
    }
}
