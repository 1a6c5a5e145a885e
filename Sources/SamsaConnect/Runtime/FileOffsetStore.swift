import Foundation
import Synchronization

/// Standalone mode's source offsets in `offset.storage.file.filename` (Kafka's `FileOffsetBackingStore`).
/// Kafka's file is a Java-serialized `HashMap<byte[], byte[]>` of JsonConverter bytes, readable only by Java;
/// Samsa writes its own format instead — JSON, with the same keys and values Kafka stores
/// (`["<connector>",{<source partition>}]` → `{<source offset>}`) — rewritten atomically (temp file, then
/// rename) on every commit, so a crash leaves the old file or the new one, never half of one.
public final class FileOffsetStore: OffsetStore {
    public let path: String
    private let entries = Mutex<[String: [SourceMap: SourceMap]]>([:])
    private let writes = Mutex<Int>(0)

    public init(path: String) {
        self.path = path
    }

    /// Loads the file: missing is no offsets; unreadable or corrupt is one sentence (and the file is left as is).
    public func start() async throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        let loaded: [String: [SourceMap: SourceMap]]
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            loaded = try Self.decode(data)
        } catch {
            throw ConnectError.config("The offsets file \(path) (offset.storage.file.filename) is corrupt or unreadable (\(Self.reason(error))); move it away to start without stored offsets.")
        }
        entries.withLock { $0 = loaded }
    }

    public func offsets(connector: String) async -> [SourceMap: SourceMap] {
        entries.withLock { $0[connector] ?? [:] }
    }

    public func write(connector: String, offsets: [SourceMap: SourceMap]) async throws {
        let snapshot = entries.withLock { all -> [String: [SourceMap: SourceMap]] in
            all[connector, default: [:]].merge(offsets) { $1 }
            return all
        }
        let data = try Self.encode(snapshot)
        // One writer at a time, so an older snapshot never replaces a newer one.
        try writes.withLock { _ in try data.write(to: URL(fileURLWithPath: path), options: .atomic) }
    }

    public func stop() async {}

    private static func reason(_ error: Error) -> String {
        if let connect = error as? ConnectError { return connect.message }
        return String(describing: error).trimmingCharacters(in: CharacterSet(charactersIn: "."))
    }

    static let format = "samsa-connect-offsets"

    /// `{"format","version","offsets":[{"key":["<connector>",{partition}],"value":{offset}}]}`, compact as Jackson writes.
    static func encode(_ all: [String: [SourceMap: SourceMap]]) throws -> Data {
        var rows: [JSONValue] = []
        for connector in all.keys.sorted() {
            let entries = all[connector]!.map { (key: JSONValue.array([.string(connector), SourceMapJSON.json($0.key)]), value: SourceMapJSON.json($0.value)) }
            for entry in entries.sorted(by: { $0.key.compactString < $1.key.compactString }) {
                rows.append(.object(JSONObject([("key", entry.key), ("value", entry.value)])))
            }
        }
        let root = JSONValue.object(JSONObject([("format", .string(format)), ("version", .integer(1)), ("offsets", .array(rows))]))
        return Data(root.compactBytes)
    }

    static func decode(_ data: Data) throws -> [String: [SourceMap: SourceMap]] {
        let root = try JSONValue.parse(Array(data))
        guard root["format"]?.stringValue == format, let rows = root["offsets"]?.arrayValue else {
            throw ConnectError.dataException("not a Samsa Connect offsets file")
        }
        var out: [String: [SourceMap: SourceMap]] = [:]
        for row in rows {
            guard let connector = row["key"]?[0]?.stringValue, let partition = row["key"]?[1]?.objectValue,
                  let offset = row["value"]?.objectValue else {
                throw ConnectError.dataException("an entry is not [connector, partition] → offset")
            }
            out[connector, default: [:]][SourceMapJSON.map(partition)] = SourceMapJSON.map(offset)
        }
        return out
    }
}

/// Source partitions and offsets as JSON, the way Kafka's JsonConverter with `schemas.enable=false` writes and
/// reads them: integers come back as longs (`int64`), other numbers as doubles.
enum SourceMapJSON {
    static func json(_ map: SourceMap) -> JSONValue {
        .object(JSONObject(map.keys.sorted().map { ($0, value(map[$0]!)) }))
    }

    static func value(_ value: ConnectValue) -> JSONValue {
        switch value {
        case .null: return .null
        case .boolean(let b): return .bool(b)
        case .string(let s): return .string(s)
        case .float32(let f): return .float(f)
        case .float64(let d): return .double(d)
        case .bytes(let b): return .string(Data(b).base64EncodedString())
        case .array(let items): return .array(items.map(Self.value))
        case .map(let entries): return .object(JSONObject(entries.map { (OffsetText.text($0.key), Self.value($0.value)) }))
        case .structure(let s): return .object(JSONObject(s.schema.fields.map { ($0.name, Self.value(s.values[$0.index])) }))
        default: return .integer(value.integerValue ?? 0)
        }
    }

    static func map(_ object: JSONObject) -> SourceMap {
        var out: SourceMap = [:]
        for (key, member) in object { out[key] = connect(member) }
        return out
    }

    static func connect(_ json: JSONValue) -> ConnectValue {
        switch json {
        case .null: return .null
        case .bool(let b): return .boolean(b)
        case .string(let s): return .string(s)
        case .integer(let i): return .int64(i)
        case .double(let d): return .float64(d)
        case .float(let f): return .float64(Double(f))
        case .number(let text): return Int64(text).map(ConnectValue.int64) ?? .float64(Double(text) ?? 0)
        case .array(let items): return .array(items.map(connect))
        case .object(let object): return .stringMap(map(object))
        }
    }
}
