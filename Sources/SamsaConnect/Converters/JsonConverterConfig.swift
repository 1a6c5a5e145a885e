/// Kafka's `JsonConverterConfig`: `schemas.enable`, `schemas.cache.size` (accepted and ignored: schemas
/// translate fast enough without a cache), `decimal.format` (BASE64 | NUMERIC, any case) and
/// `replace.null.with.default`, with Kafka's error sentences for bad values.
public struct JsonConverterConfig: Sendable, Equatable {
    public enum DecimalFormat: String, Sendable { case base64 = "BASE64", numeric = "NUMERIC" }

    public var schemasEnabled: Bool
    public var decimalFormat: DecimalFormat
    public var replaceNullWithDefault: Bool

    public init(schemasEnabled: Bool = true, decimalFormat: DecimalFormat = .base64, replaceNullWithDefault: Bool = true) {
        self.schemasEnabled = schemasEnabled
        self.decimalFormat = decimalFormat
        self.replaceNullWithDefault = replaceNullWithDefault
    }

    /// Reads the converter's settings (prefix already stripped); unknown keys are ignored as Kafka does.
    public init(configs: [String: String]) throws {
        let parsed = try Self.configDef.parse(configs)
        schemasEnabled = parsed["schemas.enable"]!.trimmingCharacters(in: .whitespaces).lowercased() == "true"
        decimalFormat = DecimalFormat(rawValue: parsed["decimal.format"]!.trimmingCharacters(in: .whitespaces).uppercased())!
        replaceNullWithDefault = parsed["replace.null.with.default"]!.trimmingCharacters(in: .whitespaces).lowercased() == "true"
    }

    public static let configDef = ConfigDef([
        .init(name: "converter.type", type: .string, defaultValue: "", importance: .low,
              documentation: "How this converter will be used."),
        .init(name: "schemas.enable", type: .boolean, defaultValue: "true", importance: .high,
              documentation: "Include schemas within each of the serialized values and keys.", group: "Schemas",
              orderInGroup: 0, width: .medium, displayName: "Enable Schemas"),
        .init(name: "schemas.cache.size", type: .int, defaultValue: "1000", importance: .high,
              documentation: "The maximum number of schemas that can be cached in this converter instance.", group: "Schemas",
              orderInGroup: 1, width: .medium, displayName: "Schema Cache Size"),
        .init(name: "decimal.format", type: .string, defaultValue: "BASE64", importance: .low,
              documentation: "Controls which format this converter will serialize decimals in. This value is case insensitive and can be either 'BASE64' (default) or 'NUMERIC'",
              group: "Serialization", orderInGroup: 0, width: .medium, displayName: "Decimal Format",
              validator: { value in
                  DecimalFormat(rawValue: value.trimmingCharacters(in: .whitespaces).uppercased()) == nil
                      ? "Invalid value \(value) for configuration decimal.format: String must be one of (case insensitive): BASE64, NUMERIC"
                      : nil
              }),
        .init(name: "replace.null.with.default", type: .boolean, defaultValue: "true", importance: .low,
              documentation: "Whether to replace fields that have a default value and that are null to the default value. When set to true, the default value is used, otherwise null is used.",
              group: "Serialization", orderInGroup: 1, width: .medium, displayName: "Replace null with default"),
    ])
}
