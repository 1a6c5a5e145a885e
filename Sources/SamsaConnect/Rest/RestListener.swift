import Foundation

/// One entry of the worker's `listeners` setting, `protocol://host:port` as Kafka's `RestServer` reads it
/// (an empty host binds every interface, port 0 a free one).
public struct RestListener: Sendable, Hashable, CustomStringConvertible {
    public var scheme: String
    /// Empty: every interface.
    public var host: String
    public var port: Int

    public init(scheme: String = "http", host: String, port: Int) {
        self.scheme = scheme
        self.host = host
        self.port = port
    }

    /// Parses `http://:8083`, `http://127.0.0.1:0`, `http://[::1]:8083`; Kafka's sentences for bad ones.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let separator = trimmed.range(of: "://"),
              let colon = trimmed[separator.upperBound...].lastIndex(of: ":") else {
            throw ConnectError.config("Listener doesn't have the right format (protocol://hostname:port).")
        }
        var host = String(trimmed[separator.upperBound..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let portText = trimmed[trimmed.index(after: colon)...]
        guard let port = Int(portText), (0...65535).contains(port),
              host.allSatisfy({ $0.isLetter || $0.isNumber || "-%._:".contains($0) }) else {
            throw ConnectError.config("Listener doesn't have the right format (protocol://hostname:port).")
        }
        let scheme = trimmed[..<separator.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else {
            throw ConnectError.config("Listener protocol must be either \"http\" or \"https\".")
        }
        guard scheme == "http" else {
            throw ConnectError.config("Listener \(trimmed) uses https, which Samsa Connect's REST server does not serve yet; use http://.")
        }
        self.init(scheme: scheme, host: host, port: port)
    }

    /// The address to bind: every interface when the host is empty.
    var bindHost: String { host.isEmpty ? "0.0.0.0" : host }

    public var description: String {
        "\(scheme)://\(host.contains(":") ? "[\(host)]" : host):\(port)"
    }
}
