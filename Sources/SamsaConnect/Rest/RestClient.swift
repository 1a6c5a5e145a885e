import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// A small HTTP/1.1 client for Connect's REST API: workers forward requests to the leader with it (Kafka's
/// `RestClient`), and tests drive the server with it. Each `request` opens a connection and closes it after
/// the answer; `connect` keeps one open for several requests (keep-alive).
///
/// Thread-safety: Sendable; requests may run concurrently.
public struct RestClient: Sendable {
    public struct Response: Sendable {
        public var status: Int
        public var headers: [(String, String)]
        public var body: String

        /// The first header with this name, case-insensitive.
        public func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }

        /// The body as JSON, nil when empty or not JSON.
        public var json: JSONValue? { body.isEmpty ? nil : try? JSONValue.parse(body) }
    }

    public let group: any EventLoopGroup
    /// How long a request may take before it fails (Kafka's REST request timeout is 90 s).
    public var timeout: TimeAmount

    public init(group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, timeout: TimeAmount = .seconds(90)) {
        self.group = group
        self.timeout = timeout
    }

    public func get(_ url: String) async throws -> Response { try await request(.GET, url) }
    public func delete(_ url: String) async throws -> Response { try await request(.DELETE, url) }
    public func post(_ url: String, json: JSONValue? = nil) async throws -> Response {
        try await request(.POST, url, body: json?.compactString)
    }
    public func put(_ url: String, json: JSONValue? = nil) async throws -> Response {
        try await request(.PUT, url, body: json?.compactString)
    }

    /// One request on a fresh connection. `url` is `http://host:port/path?query`; a body is sent as
    /// `application/json` unless `headers` name another Content-Type.
    public func request(_ method: HTTPMethod, _ url: String, body: String? = nil,
                        headers: [(String, String)] = []) async throws -> Response {
        let (host, port, target) = try Self.split(url)
        let connection = try await Connection.open(group: group, host: host, port: port, timeout: timeout)
        defer { connection.close() }
        return try await connection.send(method, target, body: body, headers: headers + [("Connection", "close")])
    }

    /// A connection kept open for several requests to `http://host:port`.
    public func connect(_ baseURL: String) async throws -> Connection {
        let (host, port, _) = try Self.split(baseURL)
        return try await Connection.open(group: group, host: host, port: port, timeout: timeout)
    }

    /// `http://host:port/rest` → host, port, `/rest`.
    static func split(_ url: String) throws -> (host: String, port: Int, target: String) {
        guard url.lowercased().hasPrefix("http://") else {
            throw ConnectError.config("Only http:// URLs can be requested: \(url)")
        }
        let rest = url.dropFirst("http://".count)
        let authority = rest.prefix { $0 != "/" && $0 != "?" }
        var target = String(rest.dropFirst(authority.count))
        if target.isEmpty || target.hasPrefix("?") { target = "/" + target }
        var host = String(authority)
        var port = 80
        if let colon = authority.lastIndex(of: ":"), !authority.hasSuffix("]") {
            guard let p = Int(authority[authority.index(after: colon)...]) else {
                throw ConnectError.config("The URL \(url) has no valid port.")
            }
            host = String(authority[..<colon])
            port = p
        }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return (host, port, target)
    }

    /// A path segment percent-encoded for a URL (connector names may hold spaces or slashes).
    public static func percentEncoded(_ segment: String) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return segment.addingPercentEncoding(withAllowedCharacters: allowed) ?? segment
    }
}
