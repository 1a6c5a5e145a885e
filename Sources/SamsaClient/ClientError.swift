import SamsaProtocol

/// Why a client call failed, in one sentence a person can act on.
public enum ClientError: Error, Sendable, CustomStringConvertible, Equatable {
    case connectionFailed(String, String)
    case connectionClosed(String)
    case timedOut(String)
    case unsupportedAPI(String)
    case broker(ErrorCode, String)
    case noBrokers
    case invalidArgument(String)
    /// A record's transaction was aborted before the record was sent (Kafka's TransactionAbortedException).
    case transactionAborted
    /// SASL login refused (wrong password, unknown user, mechanism not enabled): retrying cannot help.
    case authenticationFailed(String, String)
    /// The TLS handshake failed (untrusted certificate, wrong host name, plaintext port).
    case tlsHandshakeFailed(String, String)
    /// The broker's ACLs refuse the operation; the sentence names the operation and resource.
    case notAuthorized(ErrorCode, String)

    public var description: String {
        switch self {
        case .connectionFailed(let address, let why): return "Cannot connect to \(address): \(why)."
        case .connectionClosed(let address): return "The connection to \(address) closed before the answer arrived."
        case .timedOut(let what): return "Timed out waiting for \(what)."
        case .unsupportedAPI(let what): return "The broker does not support \(what)."
        case .broker(let code, let message): return message.isEmpty ? "The broker answered \(code.name)." : "\(message) (\(code.name))"
        case .noBrokers: return "No broker is reachable at the bootstrap servers."
        case .invalidArgument(let why): return why
        case .transactionAborted: return "The transaction was aborted before this record was sent."
        case .authenticationFailed(let address, let why): return "SASL authentication with \(address) failed: \(Self.sentence(why))"
        case .tlsHandshakeFailed(let address, let why): return "TLS handshake with \(address) failed: \(Self.sentence(why))"
        case .notAuthorized(_, let sentence): return sentence
        }
    }

    /// The Kafka error code, if the broker sent one.
    public var code: ErrorCode? {
        switch self {
        case .broker(let code, _), .notAuthorized(let code, _): return code
        case .authenticationFailed: return .saslAuthenticationFailed
        default: return nil
        }
    }

    /// Login and TLS failures: the same settings would fail again, so callers stop instead of retrying.
    public var isSecurityFailure: Bool {
        switch self {
        case .authenticationFailed, .tlsHandshakeFailed, .notAuthorized: return true
        default: return false
        }
    }

    private static func sentence(_ text: String) -> String {
        guard let last = text.last else { return "no reason given." }
        return ".!?".contains(last) ? text : text + "."
    }
}
