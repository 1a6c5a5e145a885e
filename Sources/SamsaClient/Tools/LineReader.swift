import NIOCore
import SamsaProtocol

/// Turns console-producer input lines into records: the whole line is the value, or with parse.key
/// the text before key.separator is the key. parse.headers reads "h1:v1,h2:v2" before the key/value.
public struct LineReader: Sendable {
    public var parseKey = false
    public var keySeparator = "\t"
    public var parseHeaders = false
    public var headersDelimiter = "\t"
    public var headersSeparator = ","
    public var headersKeySeparator = ":"
    public var ignoreError = false
    public var nullMarker: String?

    public init() {}

    public init(properties: [String: String]) throws {
        let known: Set<String> = ["parse.key", "key.separator", "parse.headers", "headers.delimiter", "headers.separator",
                                  "headers.key.separator", "ignore.error", "null.marker"]
        if let unknown = properties.keys.sorted().first(where: { !known.contains($0) }) {
            throw ClientError.invalidArgument("Unknown line reader property \"\(unknown)\"; known: \(known.sorted().joined(separator: ", ")).")
        }
        parseKey = Properties.bool(properties, "parse.key")
        keySeparator = properties["key.separator"].map(Properties.unescape) ?? "\t"
        parseHeaders = Properties.bool(properties, "parse.headers")
        headersDelimiter = properties["headers.delimiter"].map(Properties.unescape) ?? "\t"
        headersSeparator = properties["headers.separator"].map(Properties.unescape) ?? ","
        headersKeySeparator = properties["headers.key.separator"].map(Properties.unescape) ?? ":"
        ignoreError = Properties.bool(properties, "ignore.error")
        nullMarker = properties["null.marker"]
    }

    public func record(topic: String, line: String) throws -> ProducerRecord {
        var rest = Substring(line)
        var headers: [RecordHeader] = []
        if parseHeaders {
            guard let cut = rest.range(of: headersDelimiter) else {
                throw ClientError.invalidArgument("No headers delimiter found on line \"\(line)\".")
            }
            for item in String(rest[..<cut.lowerBound]).components(separatedBy: headersSeparator) where !item.isEmpty {
                if let sep = Substring(item).range(of: headersKeySeparator) {
                    headers.append(RecordHeader(key: String(item[..<sep.lowerBound]),
                                                value: bytes(String(item[sep.upperBound...]))))
                } else {
                    headers.append(RecordHeader(key: item, value: nil))
                }
            }
            rest = rest[cut.upperBound...]
        }
        var key: ByteBuffer?
        if parseKey {
            if let cut = rest.range(of: keySeparator) {
                key = bytes(String(rest[..<cut.lowerBound]))
                rest = rest[cut.upperBound...]
            } else if !ignoreError {
                throw ClientError.invalidArgument("No key separator \"\(keySeparator)\" found on line \"\(line)\".")
            }
        }
        return ProducerRecord(topic: topic, key: key, value: bytes(String(rest)), headers: headers)
    }

    private func bytes(_ text: String) -> ByteBuffer? {
        if let nullMarker, text == nullMarker { return nil }
        return ByteBuffer(string: text)
    }
}

extension Substring {
    func range(of needle: String) -> Range<Substring.Index>? {
        guard !needle.isEmpty else { return nil }
        return self.firstRange(of: needle)
    }
}

extension String {
    func components(separatedBy separator: String) -> [String] {
        self.split(separator: separator, omittingEmptySubsequences: false).map(String.init)
    }
}
