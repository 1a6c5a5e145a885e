/// host:port of a broker.
public struct BrokerAddress: Hashable, Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses "host:port" or "host" (port 9092); IPv6 in brackets.
    public init?(parsing text: String) {
        var text = Substring(text.trimmingSpaces)
        if let scheme = text.firstRange(of: "://") { text = text[scheme.upperBound...] }
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            host = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            port = rest.hasPrefix(":") ? Int(rest.dropFirst()) ?? -1 : 9092
        } else if let colon = text.lastIndex(of: ":") {
            host = String(text[..<colon])
            port = Int(text[text.index(after: colon)...]) ?? -1
        } else {
            host = String(text)
            port = 9092
        }
        if host.isEmpty || !(1...65535).contains(port) { return nil }
    }

    /// A comma-separated bootstrap list.
    public static func parseList(_ text: String) throws -> [BrokerAddress] {
        let parts = text.split(separator: ",").map(String.init)
        let addresses = parts.compactMap(BrokerAddress.init(parsing:))
        guard !addresses.isEmpty, addresses.count == parts.count else {
            throw ClientError.invalidArgument("\"\(text)\" is not a list of host:port addresses.")
        }
        return addresses
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s.removeFirst() }
        while s.last?.isWhitespace == true { s.removeLast() }
        return String(s)
    }
}
