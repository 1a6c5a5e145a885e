/// Kafka's `ReplaceField$Key` / `ReplaceField$Value`: drops (`exclude`), keeps (`include`) and renames
/// (`renames=old:new,…`) fields. The deprecated `blacklist`/`whitelist` names still work.
public final class ReplaceField: Transformation {
    static let purpose = "field replacement"
    static let definition = ConfigDef([
        .smt("exclude", .list, "", .medium, "Fields to exclude. This takes precedence over the fields to include."),
        .smt("blacklist", .list, TransformConfig.nullDefault, .low, "Deprecated. Use exclude instead."),
        .smt("include", .list, "", .medium, "Fields to include. If specified, only these fields will be used."),
        .smt("whitelist", .list, TransformConfig.nullDefault, .low, "Deprecated. Use include instead."),
        .smt("renames", .list, "", .medium, "Field rename mappings.", validator: { value in
            do { _ = try parseRenames(ConfigDef.list(value)) } catch { return (error as? ConnectError)?.message }
            return nil
        }),
    ])

    private let part: RecordPart
    private var exclude: Set<String> = []
    private var include: Set<String> = []
    private var renames: [String: String] = [:]
    private var reverseRenames: [String: String] = [:]
    private var schemaCache: [ConnectSchema: ConnectSchema] = [:]

    public init(part: RecordPart) { self.part = part }

    public var configDef: ConfigDef { Self.definition }

    public func configure(_ configs: [String: String]) throws {
        let config = try TransformConfig(Self.definition, Self.translateDeprecated(configs))
        exclude = Set(config.list("exclude"))
        include = Set(config.list("include"))
        renames = try Self.parseRenames(config.list("renames"))
        reverseRenames = Dictionary(renames.map { ($1, $0) }, uniquingKeysWith: { _, last in last })
        schemaCache = [:]
    }

    /// Kafka's `ConfigUtils.translateDeprecatedConfigs`: a deprecated name fills its replacement when the new
    /// name is absent.
    static func translateDeprecated(_ configs: [String: String]) -> [String: String] {
        var out = configs
        for (new, old) in [("include", "whitelist"), ("exclude", "blacklist")] {
            if let value = out.removeValue(forKey: old), out[new] == nil { out[new] = value }
        }
        return out
    }

    static func parseRenames(_ mappings: [String]) throws -> [String: String] {
        var out: [String: String] = [:]
        for mapping in mappings {
            // Java's String.split drops trailing empty parts: "a:" is one part, ":b" is two.
            var parts = mapping.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            while parts.count > 1, parts.last == "" { parts.removeLast() }
            guard parts.count == 2 else {
                throw ConnectError.config(TransformConfig.invalid("renames", TransformConfig.javaList(mappings), "Invalid rename mapping: \(mapping)"))
            }
            out[parts[0]] = parts[1]
        }
        return out
    }

    func keeps(_ name: String) -> Bool { !exclude.contains(name) && (include.isEmpty || include.contains(name)) }
    func renamed(_ name: String) -> String { renames[name] ?? name }

    public func apply(_ record: ConnectRecord) throws -> ConnectRecord? {
        let value = part.value(record)
        if value.isNull { return record }
        guard part.schema(record) != nil else {
            let map = try TransformRequirements.requireMap(value, Self.purpose)
            var updated: [ConnectValue.MapEntry] = []
            for entry in map {
                guard case .string(let name) = entry.key, keeps(name) else { continue }
                updated.put(renamed(name), entry.value)
            }
            return part.updating(record, schema: nil, value: .map(updated))
        }
        let original = try TransformRequirements.requireStruct(value, Self.purpose)
        let updatedSchema = try schemaCache[original.schema] ?? makeUpdatedSchema(original.schema)
        schemaCache[original.schema] = updatedSchema
        let values = updatedSchema.fields.map { original[reverseRenames[$0.name] ?? $0.name] ?? .null }
        return part.updating(record, schema: updatedSchema, value: .structure(ConnectStruct(schema: updatedSchema, values: values)))
    }

    private func makeUpdatedSchema(_ schema: ConnectSchema) throws -> ConnectSchema {
        var builder = SchemaBuilder.struct().copyingBasics(of: schema)
        for field in schema.fields where keeps(field.name) {
            builder = try builder.checkedField(renamed(field.name), field.schema)
        }
        return builder.build()
    }

    public func close() { schemaCache = [:] }
}
