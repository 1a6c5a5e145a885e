/// Errors of the Connect runtime, each one sentence a person can act on. The REST API maps them to Kafka
/// Connect's status codes and `{"error_code":…,"message":…}` bodies (`httpStatus`).
public enum ConnectError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Bad data for a schema (Kafka's `DataException`).
    case dataException(String)
    /// A bad or missing setting (Kafka's `ConfigException`); the message names the setting.
    case config(String)
    /// A connector or task failed (Kafka's `ConnectException`).
    case connect(String)
    /// A transient failure the runtime retries (Kafka's `RetriableException`).
    case retriable(String)
    /// A connector, task or plugin that does not exist (404).
    case notFound(String)
    /// A connector that already exists (409).
    case alreadyExists(String)
    /// The cluster of workers is rebalancing, or the request must go to the leader (409).
    case conflict(String)
    /// A malformed request (400).
    case badRequest(String)

    public var message: String {
        switch self {
        case .dataException(let m), .config(let m), .connect(let m), .retriable(let m),
             .notFound(let m), .alreadyExists(let m), .conflict(let m), .badRequest(let m): m
        }
    }

    /// The HTTP status Kafka Connect's REST API answers with for this error.
    public var httpStatus: Int {
        switch self {
        case .notFound: 404
        case .alreadyExists, .conflict: 409
        case .badRequest, .config, .dataException: 400
        case .connect, .retriable: 500
        }
    }

    public var description: String { message }
}
