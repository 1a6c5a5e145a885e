import Foundation
import SamsaConnect
import SamsaProtocol
import Synchronization

/// Small plugins for the runtime's tests, independent of the shipped converters and connectors: a UTF-8
/// string converter, a converter that rejects values starting with "bad", and a line source and sink on files.
enum WorkerTestPlugins {
    static let registry = PluginRegistry(
        connectors: [
            .init(className: "org.samsa.test.LineSourceConnector", type: .source, version: "1") { LineSourceConnector() },
            .init(className: "org.samsa.test.LineSinkConnector", type: .sink, version: "1") { LineSinkConnector() },
        ],
        converters: [
            .init(className: "org.apache.kafka.connect.storage.StringConverter") { _, _ in TestStringConverter() },
            .init(className: "org.samsa.test.PickyConverter") { _, _ in PickyConverter() },
        ],
        headerConverters: [
            .init(className: "org.apache.kafka.connect.storage.SimpleHeaderConverter") { _ in TestHeaderConverter() },
        ])
}

struct TestStringConverter: Converter {
    init() {}
    init(configs: [String: String], isKey: Bool) throws {}
    func fromConnectData(topic: String, headers: [ConnectHeader], schema: ConnectSchema?, value: ConnectValue) throws -> [UInt8]? {
        value.stringValue.map { Array($0.utf8) }
    }
    func toConnectData(topic: String, headers: [ConnectHeader], value: [UInt8]?) throws -> SchemaAndValue {
        guard let value else { return .null }
        return SchemaAndValue(schema: .optionalString, value: .string(String(decoding: value, as: UTF8.self)))
    }
}

/// Fails (a DataException) on values that start with "bad", both ways.
struct PickyConverter: Converter {
    init() {}
    init(configs: [String: String], isKey: Bool) throws {}
    func fromConnectData(topic: String, headers: [ConnectHeader], schema: ConnectSchema?, value: ConnectValue) throws -> [UInt8]? {
        if value.stringValue?.hasPrefix("bad") == true { throw ConnectError.dataException("Cannot convert \(value.stringValue!)") }
        return value.stringValue.map { Array($0.utf8) }
    }
    func toConnectData(topic: String, headers: [ConnectHeader], value: [UInt8]?) throws -> SchemaAndValue {
        let text = value.map { String(decoding: $0, as: UTF8.self) }
        if text?.hasPrefix("bad") == true { throw ConnectError.dataException("Cannot convert \(text!)") }
        return SchemaAndValue(schema: .optionalString, value: text.map { .string($0) } ?? .null)
    }
}

struct TestHeaderConverter: HeaderConverter {
    init() {}
    init(configs: [String: String]) throws {}
    func fromConnectHeader(topic: String, key: String, schema: ConnectSchema?, value: ConnectValue) throws -> [UInt8]? {
        value.stringValue.map { Array($0.utf8) }
    }
    func toConnectHeader(topic: String, key: String, value: [UInt8]?) throws -> SchemaAndValue {
        SchemaAndValue(schema: .optionalString, value: value.map { .string(String(decoding: $0, as: UTF8.self)) } ?? .null)
    }
}

final class LineSourceConnector: Connector {
    var props: [String: String] = [:]
    var version: String { "1" }
    var type: ConnectorType { .source }
    var configDef: ConfigDef {
        ConfigDef([.init(name: "file", type: .string, defaultValue: nil, importance: .high, documentation: "file"),
                   .init(name: "topic", type: .string, defaultValue: nil, importance: .high, documentation: "topic")])
    }
    func start(_ props: [String: String], context: ConnectorContext) throws { self.props = props }
    func taskConfigs(maxTasks: Int) throws -> [[String: String]] { [props] }
    func makeTask() -> AnyConnectTask { .source(LineSourceTask()) }
    func stop() {}
}

/// Reads a file's complete lines; the offset is the number of lines read (`{"position": n}`).
final class LineSourceTask: SourceTask {
    var file = "", topic = "", position: Int64 = 0
    var version: String { "1" }
    func start(_ props: [String: String], context: SourceTaskContext) throws {
        file = props["file"]!
        topic = props["topic"]!
        position = context.offset(for: ["filename": .string(file)])?["position"]?.integerValue ?? 0
    }
    func poll() async throws -> [ConnectRecord]? {
        let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
        var lines = text.components(separatedBy: "\n")
        lines.removeLast()  // the part after the last newline is not a complete line yet
        guard Int(position) < lines.count else {
            try await Task.sleep(for: .milliseconds(50))
            return nil
        }
        let new = lines[Int(position)...]
        return new.enumerated().map { i, line in
            ConnectRecord(sourcePartition: ["filename": .string(file)], sourceOffset: ["position": .int64(position + Int64(i) + 1)],
                          topic: topic, valueSchema: .string, value: .string(line))
        }.also { position += Int64(new.count) }
    }
    func stop() {}
}

final class LineSinkConnector: Connector {
    var props: [String: String] = [:]
    var version: String { "1" }
    var type: ConnectorType { .sink }
    var configDef: ConfigDef { ConfigDef([.init(name: "file", type: .string, defaultValue: nil, importance: .high, documentation: "file")]) }
    func start(_ props: [String: String], context: ConnectorContext) throws { self.props = props }
    func taskConfigs(maxTasks: Int) throws -> [[String: String]] { Array(repeating: props, count: maxTasks) }
    func makeTask() -> AnyConnectTask { .sink(LineSinkTask()) }
    func stop() {}
}

/// Appends each record's value as a line; a value "fail-put" makes `put` throw.
final class LineSinkTask: SinkTask {
    var file = ""
    var version: String { "1" }
    func start(_ props: [String: String], context: SinkTaskContext) throws { file = props["file"]! }
    func put(_ records: [ConnectRecord]) async throws {
        var text = ""
        for record in records {
            if record.value.stringValue == "fail-put" { throw ConnectError.connect("put refused \(record.kafkaOffset ?? -1)") }
            text += (record.value.stringValue ?? "null") + "\n"
        }
        try append(file, text)
    }
    func stop() {}
}

extension Array {
    func also(_ body: () -> Void) -> Array { body(); return self }
}

func lines(_ path: String) -> [String] {
    ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
}

/// Appends under one lock, so two sink tasks writing the same file never overwrite each other.
private let appendLock = Mutex(())

func append(_ path: String, _ text: String) throws {
    try appendLock.withLock { _ in try appendUnlocked(path, text) }
}

private func appendUnlocked(_ path: String, _ text: String) throws {
    if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(text.utf8))
    try handle.close()
}
