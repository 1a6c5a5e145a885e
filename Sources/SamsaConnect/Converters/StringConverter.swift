import Foundation

/// Kafka's `org.apache.kafka.connect.storage.StringConverter`: any value as its text (Java's `toString`) in
/// `converter.encoding` (UTF-8 by default; `serializer.encoding`/`deserializer.encoding` override one
/// direction); bytes read back as an optional string.
public struct StringConverter: Converter, HeaderConverter {
    public let writeEncoding: String.Encoding
    public let readEncoding: String.Encoding

    public init(encoding: String.Encoding = .utf8) {
        writeEncoding = encoding
        readEncoding = encoding
    }

    public init(configs: [String: String], isKey: Bool) throws { try self.init(configs: configs) }

    public init(configs: [String: String]) throws {
        let base = configs["converter.encoding"] ?? "UTF8"
        writeEncoding = try Self.encoding(configs["serializer.encoding"] ?? base)
        readEncoding = try Self.encoding(configs["deserializer.encoding"] ?? base)
    }

    /// Java charset names and aliases (case-insensitive) for the encodings Foundation can write.
    static func encoding(_ name: String) throws -> String.Encoding {
        switch name.trimmingCharacters(in: .whitespaces).uppercased() {
        case "UTF8", "UTF-8": return .utf8
        case "UTF-16", "UTF16": return .utf16BigEndian
        case "UTF-16BE", "UTF_16BE", "UNICODEBIGUNMARKED": return .utf16BigEndian
        case "UTF-16LE", "UTF_16LE", "UNICODELITTLEUNMARKED": return .utf16LittleEndian
        case "UTF-32", "UTF32", "UTF-32BE", "UTF_32BE": return .utf32BigEndian
        case "UTF-32LE", "UTF_32LE": return .utf32LittleEndian
        case "ISO-8859-1", "ISO8859_1", "ISO_8859_1", "LATIN1", "L1", "8859_1": return .isoLatin1
        case "US-ASCII", "ASCII", "US_ASCII": return .ascii
        case "WINDOWS-1252", "CP1252": return .windowsCP1252
        default: throw ConnectError.config("Invalid value \(name) for configuration converter.encoding: unsupported character encoding")
        }
    }

    public func fromConnectData(topic: String, headers: [ConnectHeader] = [], schema: ConnectSchema?, value: ConnectValue) throws -> [UInt8]? {
        if value.isNull { return nil }
        let text = value.javaString
        if writeEncoding == .utf8 { return Array(text.utf8) }
        // Java replaces characters the charset cannot hold with '?'.
        guard let data = text.data(using: writeEncoding, allowLossyConversion: true) else { return Array(text.utf8) }
        return Array(data)
    }

    public func toConnectData(topic: String, headers: [ConnectHeader] = [], value: [UInt8]?) throws -> SchemaAndValue {
        guard let value else { return SchemaAndValue(schema: .optionalString, value: .null) }
        if readEncoding == .utf8 { return SchemaAndValue(schema: .optionalString, value: .string(String(decoding: value, as: UTF8.self))) }
        let text = String(data: Data(value), encoding: readEncoding) ?? String(decoding: value, as: UTF8.self)
        return SchemaAndValue(schema: .optionalString, value: .string(text))
    }
}
