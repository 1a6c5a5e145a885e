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
        return (error as NSError).localizedDescription
    }

    static let format = "samsa-connect-offsets"

    static func encode(_ all: [String: [SourceMap: SourceMap]]) throws -> Data {
        var rows: [[String: Any]] = []
        for connector in all.keys.sorted() {
            for (partition, offset) in all[connector]! {
                rows.append(["key": [connector, SourceMapJSON.object(partition)], "value": SourceMapJSON.object(offset)])
            }
        }
        let root: [String: Any] = ["format": format, "version": 1, "offsets": rows]
        return try JSONSerialization.data(withJSONObject: root, options: [.sortedKeys])
    }

    static func decode(_ data: Data) throws -> [String: [SourceMap: SourceMap]] {
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any], root["format"] as? String == format,
              let rows = root["offsets"] as? [[String: Any]] else {
            throw ConnectError.dataException("not a Samsa Connect offsets file")
        }
        var out: [String: [SourceMap: SourceMap]] = [:]
        for row in rows {
            guard let key = row["key"] as? [Any], key.count == 2, let connector = key[0] as? String,
                  let partition = key[1] as? [String: Any], let offset = row["value"] as? [String: Any] else {
                throw ConnectError.dataException("an entry is not [connector, partition] → offset")
            }
            out[connector, default: [:]][SourceMapJSON.map(partition)] = SourceMapJSON.map(offset)
        }
        return out
    }
}

/// Source partitions and offsets to and from Foundation's JSON objects (schemaless, as Kafka's
/// JsonConverter with `schemas.enable=false` writes them: integers as longs, other numbers as doubles).
enum SourceMapJSON {
    static func object(_ map: SourceMap) -> [String: Any] { map.mapValues(any) }

    static func any(_ value: ConnectValue) -> Any {
        switch value {
        case .null: return NSNull()
        case .boolean(let b): return b
        case .string(let s): return s
        case .float32(let f): return Double(f)
        case .float64(let d): return d
        case .bytes(let b): return Data(b).base64EncodedString()
        case .array(let items): return items.map(any)
        case .map(let entries):
            var out: [String: Any] = [:]
            for e in entries { out[OffsetText.text(e.key)] = any(e.value) }
            return out
        case .structure(let s): return Dictionary(uniqueKeysWithValues: s.schema.fields.map { ($0.name, any(s.values[$0.index])) })
        default: return value.integerValue ?? 0
        }
    }

    static func map(_ object: [String: Any]) -> SourceMap { object.mapValues(value) }

    static func value(_ any: Any) -> ConnectValue {
        switch any {
        case is NSNull: return .null
        case let s as String: return .string(s)
        case let n as NSNumber:
            let type = String(cString: n.objCType)
            if type == "c" || type == "B" { return .boolean(n.boolValue) }
            if type == "d" || type == "f" { return .float64(n.doubleValue) }
            return .int64(n.int64Value)
        case let b as Bool: return .boolean(b)
        case let a as [Any]: return .array(a.map(value))
        case let o as [String: Any]: return .stringMap(o.mapValues(value))
        default: return .null
        }
    }
}
