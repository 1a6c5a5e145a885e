import Foundation
import Logging
import SamsaProtocol
#if canImport(Glibc)
import Glibc
#endif

/// Kafka's `FileStreamSinkTask`: appends each record's value as a line (`println(record.value())`, so a
/// Struct prints as `Struct{…}` and null as `null`) to the file, created if needed, or to standard output.
public final class FileStreamSinkTask: SinkTask {
    private var filename = ""
    private var fd: Int32 = -1
    private let logger = Logger(label: "samsa.connect.file")

    public init() {}

    public var version: String { PluginRegistry.kafkaVersion }

    public func start(_ props: [String: String], context: SinkTaskContext) throws {
        let parsed = try FileStreamSinkConnector.configDef.parse(props)
        filename = parsed[FileStreamSinkConnector.fileConfig] ?? ""
        if filename.isEmpty {
            fd = STDOUT_FILENO
            return
        }
        let handle = Glibc.open(filename, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard handle >= 0 else {
            logger.error("Couldn't open \(filename): \(String(cString: strerror(errno)))")
            throw ConnectError.connect("Couldn't find or create file '\(filename)' for FileStreamSinkTask")
        }
        fd = handle
    }

    /// Writes the batch's lines with one write so the file never holds half a batch from this task.
    public func put(_ records: [ConnectRecord]) async throws {
        guard !records.isEmpty else { return }
        var out: [UInt8] = []
        out.reserveCapacity(records.count * 64)
        for record in records {
            if case .bytes(let raw) = record.value { out += raw } else { out.append(contentsOf: record.value.javaString.utf8) }
            out.append(0x0A)
        }
        try writeAll(out)
    }

    /// Lines are written in `put`; there is no buffer left to flush (Kafka's PrintStream flush does not fsync either).
    public func flush(_ currentOffsets: [TopicPartition: Int64]) async throws {}

    public func stop() {
        if fd > STDOUT_FILENO { Glibc.close(fd) }
        fd = -1
    }

    private func writeAll(_ bytes: [UInt8]) throws {
        guard fd >= 0 else { throw ConnectError.connect("FileStreamSinkTask for \(logFilename) is not started") }
        try bytes.withUnsafeBytes { buffer in
            var done = 0
            while done < buffer.count {
                let n = write(fd, buffer.baseAddress! + done, buffer.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw ConnectError.connect("Couldn't write to \(logFilename) for FileStreamSinkTask: \(String(cString: strerror(errno)))")
                }
                done += n
            }
        }
    }

    private var logFilename: String { filename.isEmpty ? "stdout" : filename }
}
