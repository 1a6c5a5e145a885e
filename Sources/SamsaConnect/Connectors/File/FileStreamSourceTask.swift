import Foundation
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// Kafka's `FileStreamSourceTask`: one record per line (STRING schema, no key), source partition
/// `{"filename": <file as configured>}`, offset `{"position": <byte offset after the line>}`. Resumes from the
/// stored offset, follows lines appended later (tail), and waits for a missing file to appear. Reads standard
/// input (without offsets) when `file` is empty.
public final class FileStreamSourceTask: SourceTask {
    public static let filenameField = "filename"
    public static let positionField = "position"

    private var filename = ""
    private var topic = ""
    private var batchSize = FileStreamSourceConnector.defaultBatchSize
    private var context: SourceTaskContext?
    /// -1 until the file is open.
    private var fd: Int32 = -1
    private var isStdin: Bool { filename.isEmpty }
    private var splitter = LineSplitter(position: 0)
    private var warnedMissing = false
    private var stdinClosed = false
    private let stopSignal = StopSignal()
    private let logger = Logger(label: "samsa.connect.file")
    private var readBuffer = [UInt8](repeating: 0, count: 64 * 1024)

    public init() {}

    public var version: String { PluginRegistry.kafkaVersion }

    public func start(_ props: [String: String], context: SourceTaskContext) throws {
        let parsed = try FileStreamSourceConnector.configDef.parse(props)
        filename = parsed[FileStreamSourceConnector.fileConfig] ?? ""
        topic = parsed[FileStreamSourceConnector.topicConfig] ?? ""
        batchSize = max(1, Int(parsed[FileStreamSourceConnector.batchSizeConfig] ?? "") ?? FileStreamSourceConnector.defaultBatchSize)
        self.context = context
        if isStdin { fd = STDIN_FILENO }
    }

    public func poll() async throws -> [ConnectRecord]? {
        if fd < 0 {
            guard try openFile() else {
                await stopSignal.wait(for: .seconds(1))
                return nil
            }
        }
        var records: [ConnectRecord] = []
        let deadline = ContinuousClock.now + .seconds(1)
        while !stopSignal.isRaised {
            drainLines(into: &records)
            if records.count >= batchSize { break }
            if try readSome() > 0 { continue }
            // Nothing more right now: hand over what we have, or nap briefly for appended lines.
            if !records.isEmpty { break }
            let more = await stopSignal.wait(until: deadline, step: .milliseconds(50)) { self.hasData() }
            if !more { break }
        }
        return records.isEmpty ? nil : records
    }

    public func stop() {
        stopSignal.raise()
    }

    deinit {
        if fd > STDIN_FILENO { close(fd) }
    }

    // MARK: - Reading

    /// Opens the file and seeks to the stored offset; false when the file does not exist yet.
    private func openFile() throws -> Bool {
        let handle = open(filename, O_RDONLY | O_CLOEXEC)
        if handle < 0 {
            let code = errno
            if code == ENOENT {
                if !warnedMissing {
                    logger.warning("Couldn't find file \(filename) for FileStreamSourceTask, sleeping to wait for it to be created")
                    warnedMissing = true
                }
                return false
            }
            throw ConnectError.connect("Error while trying to open file \(filename): \(String(cString: strerror(code)))")
        }
        var position: Int64 = 0
        if let offset = context?.offset(for: [Self.filenameField: .string(filename)]),
           let stored = offset[Self.positionField], !stored.isNull {
            guard let value = stored.integerValue else {
                close(handle)
                throw ConnectError.connect("Offset position is the incorrect type")
            }
            logger.debug("Found previous offset, trying to skip to file offset \(value)")
            if lseek(handle, off_t(value), SEEK_SET) < 0 {
                let code = errno
                close(handle)
                throw ConnectError.connect("Error while trying to seek to previous offset in file \(filename): \(String(cString: strerror(code)))")
            }
            position = value
        }
        fd = handle
        splitter = LineSplitter(position: position)
        logger.debug("Opened \(filename) for reading")
        return true
    }

    /// Reads what is available now (standard input is checked with poll(2) so it never blocks).
    private func readSome() throws -> Int {
        if isStdin && !hasData() { return 0 }
        let n = readBuffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n < 0 {
            let code = errno
            if code == EINTR || code == EAGAIN { return 0 }
            throw ConnectError.connect("Error while trying to read file \(isStdin ? "stdin" : filename): \(String(cString: strerror(code)))")
        }
        if n == 0 && isStdin { stdinClosed = true }
        if n > 0 { readBuffer.withUnsafeBytes { splitter.append(UnsafeRawBufferPointer(rebasing: $0[0..<n])) } }
        return n
    }

    /// Whether a read would return bytes: poll(2) for standard input, size beyond our position for a file.
    private func hasData() -> Bool {
        if isStdin {
            if stdinClosed { return false }
            var pfd = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            return Glibc.poll(&pfd, 1, 0) > 0
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return false }
        return Int64(info.st_size) > lseek(fd, 0, SEEK_CUR)
    }

    private func drainLines(into records: inout [ConnectRecord]) {
        while records.count < batchSize, let (line, after) = splitter.nextLine() {
            records.append(ConnectRecord(
                sourcePartition: isStdin ? nil : [Self.filenameField: .string(filename)],
                sourceOffset: isStdin ? nil : [Self.positionField: .int64(after)],
                topic: topic, valueSchema: .string, value: .string(line),
                timestamp: Int64(Date().timeIntervalSince1970 * 1000)))
        }
    }
}
