import NIOHTTP1

/// One HTTP request as the Connect REST router sees it: method, the raw path split into URL-decoded
/// segments (so a connector named `a/b` sent as `a%2Fb` stays one segment), query parameters, body.
public struct RestRequest: Sendable {
    public var method: HTTPMethod
    /// The path as sent, without the query (`/connectors/my%20conn/status`).
    public var rawPath: String
    public var segments: [String]
    public var query: [String: [String]]
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(method: HTTPMethod, uri: String, headers: HTTPHeaders = [:], body: [UInt8] = []) {
        self.method = method
        self.headers = headers
        self.body = body
        let parts = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        rawPath = parts.first.map(String.init) ?? "/"
        // Jersey matches `/connectors/` like `/connectors`: empty segments are dropped.
        segments = rawPath.split(separator: "/").map { RestRequest.percentDecoded(String($0)) }
        query = [:]
        if parts.count > 1 {
            for pair in parts[1].split(separator: "&") where !pair.isEmpty {
                let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let key = RestRequest.percentDecoded(String(kv[0]), plusIsSpace: true)
                let value = kv.count > 1 ? RestRequest.percentDecoded(String(kv[1]), plusIsSpace: true) : ""
                query[key, default: []].append(value)
            }
        }
    }

    /// The first value of a query parameter.
    public func queryValue(_ name: String) -> String? { query[name]?.first }

    /// JAX-RS's `Boolean.valueOf`: "true" in any case is true, anything else (or absent) the default.
    func queryFlag(_ name: String, default value: Bool) -> Bool {
        guard let raw = queryValue(name) else { return value }
        return raw.lowercased() == "true"
    }

    /// `%XX` escapes decoded as UTF-8; a malformed escape is kept as written.
    static func percentDecoded(_ text: String, plusIsSpace: Bool = false) -> String {
        guard text.contains("%") || (plusIsSpace && text.contains("+")) else { return text }
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2,
               let hi = hexValue(utf8[utf8.startIndex]), let lo = hexValue(utf8[utf8.startIndex + 1]) {
                bytes.append(hi << 4 | lo)
                utf8 = utf8.dropFirst(2)
            } else if plusIsSpace, byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
