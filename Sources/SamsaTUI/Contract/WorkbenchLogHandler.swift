import Foundation
import Logging
import Synchronization

/// A swift-log handler that never writes to the terminal: lines go to a file or a ``LogBuffer``.
/// Bootstrap it before starting the cluster in TUI mode so engine logs cannot print over the screen:
///
///     LoggingSystem.bootstrap { WorkbenchLogHandler(label: $0, destination: destination) }
public struct WorkbenchLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    private let label: String
    private let sink: LogSink

    public init(label: String, destination: LogDestination, level: Logger.Level = .info) {
        self.label = label
        self.logLevel = level
        self.sink = LogSink.shared(for: destination)
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let extra = merged.isEmpty ? "" : " " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            .joined(separator: " ")
        let time = LogSink.timeFormatter.withLock { $0.string(from: Date()) }
        let error = event.error.map { " (\($0))" } ?? ""
        sink.write("\(time) \(event.level.rawValue.uppercased()) \(label): \(event.message)\(extra)\(error)")
    }
}

/// Where handler lines end up; one open file per path, shared by every handler writing to it.
final class LogSink: Sendable {
    private let destination: LogDestination
    private let file: Mutex<FileHandle?>

    private static let openFiles: Mutex<[String: LogSink]> = Mutex([:])
    static let timeFormatter: Mutex<DateFormatter> = Mutex({
        let formatter = DateFormatter()
        formatter.dateFormat = "HH:mm:ss.SSS"
        return formatter
    }())

    private init(destination: LogDestination, file: FileHandle?) {
        self.destination = destination
        self.file = Mutex(file)
    }

    static func shared(for destination: LogDestination) -> LogSink {
        guard case .file(let path) = destination else { return LogSink(destination: destination, file: nil) }
        return openFiles.withLock { sinks in
            if let sink = sinks[path] { return sink }
            if !FileManager.default.fileExists(atPath: path) {
                _ = FileManager.default.createFile(atPath: path, contents: nil)
            }
            let handle = FileHandle(forWritingAtPath: path)
            _ = try? handle?.seekToEnd()
            let sink = LogSink(destination: destination, file: handle)
            sinks[path] = sink
            return sink
        }
    }

    func write(_ line: String) {
        switch destination {
        case .buffer(let buffer): buffer.append(line)
        case .file: file.withLock { try? $0?.write(contentsOf: Data((line + "\n").utf8)) }
        case .none: break
        }
    }
}
