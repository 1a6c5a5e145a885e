import Foundation

/// Kafka's `org.apache.kafka.connect.storage.StringConverter`: any value as its text (Java's `toString`) in
/// `converter.encoding` (UTF-8 by default; `serializer.encoding`/`deserializer.encoding` override one
/// direction); bytes read back as an optional string.
public struct StringConverter: Converter, HeaderConverter {
    public let writeEncoding: String.Encoding
    public let readEncoding: String.Encoding
    /// Java's "UTF-16" writes a big-endian byte-order mark first.
    let writesByteOrderMark: Bool

    public init(encoding: String.Encoding = .utf8) {
        writeEncoding = encoding
        readEncoding = encoding
        writesByteOrderMark = false
    }

    public init(configs: [String: String], isKey: Bool) throws { try self.init(configs: configs) }

    public init(configs: [String: String]) throws {
        let base = configs["converter.encoding"] ?? "UTF8"
        let writeName = configs["serializer.encoding"] ?? base
        writeEncoding = try Self.encoding(writeName)
        readEncoding = try Self.encoding(configs["deserializer.encoding"] ?? base)
        writesByteOrderMark = ["UTF-16", "UTF16"].contains(writeName.trimmingCharacters(in: .whitespaces).uppercased())
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
        return (writesByteOrderMark ? [0xFE, 0xFF] : []) + Array(data)
    }

    public func toConnectData(topic: String, headers: [ConnectHeader] = [], value: [UInt8]?) throws -> SchemaAndValue {
        guard let value else { return SchemaAndValue(schema: .optionalString, value: .null) }
        if readEncoding == .utf8 { return SchemaAndValue(schema: .optionalString, value: .string(String(decoding: value, as: UTF8.self))) }
        var bytes = value[...]
        // Java's UTF-16 decoder honours a byte-order mark.
        var encoding = readEncoding
        if readEncoding == .utf16BigEndian, bytes.count >= 2 {
            if bytes.starts(with: [0xFE, 0xFF]) { bytes = bytes.dropFirst(2) } else if bytes.starts(with: [0xFF, 0xFE]) { bytes = bytes.dropFirst(2); encoding = .utf16LittleEndian }
        }
        let text = String(data: Data(bytes), encoding: encoding) ?? String(decoding: value, as: UTF8.self)
        return SchemaAndValue(schema: .optionalString, value: .string(text))
    }
}
