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
        }
    }

    /// The Kafka error code, if the broker sent one.
    public var code: ErrorCode? {
        if case .broker(let code, _) = self { return code }
        return nil
    }
}
