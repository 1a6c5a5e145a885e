/// How failures look to a Kafka user: Java exception class names (`org.apache.kafka.connect.errors.DataException`)
/// for the DLQ's `__connect.errors.exception.class.name` header and the status `trace`, whose first line is
/// `<class>: <message>` followed by `Caused by: …` lines, as a Java stack trace reads.
enum ConnectTrace {
    static func className(_ error: Error) -> String {
        switch error {
        case let failure as TaskFailure: return failure.className
        case let connect as ConnectError:
            switch connect {
            case .dataException: return "org.apache.kafka.connect.errors.DataException"
            case .config: return "org.apache.kafka.common.config.ConfigException"
            case .retriable: return "org.apache.kafka.connect.errors.RetriableException"
            case .notFound: return "org.apache.kafka.connect.errors.NotFoundException"
            case .alreadyExists: return "org.apache.kafka.connect.errors.AlreadyExistsException"
            case .connect, .conflict, .badRequest: return "org.apache.kafka.connect.errors.ConnectException"
            }
        default: return String(reflecting: type(of: error))
        }
    }

    static func message(_ error: Error) -> String {
        switch error {
        case let failure as TaskFailure: return failure.message
        case let connect as ConnectError: return connect.message
        default: return String(describing: error)
        }
    }

    /// The status trace: the error's line, then each cause's.
    static func trace(_ error: Error) -> String {
        var lines = ["\(className(error)): \(message(error))"]
        var cause = (error as? TaskFailure)?.cause
        while let current = cause {
            lines.append("Caused by: \(className(current)): \(message(current))")
            cause = (current as? TaskFailure)?.cause
        }
        return lines.joined(separator: "\n")
    }
}

/// A `ConnectException` that wraps the error that caused it (Kafka's "Tolerance exceeded in error handler",
/// "Exiting WorkerSinkTask due to unrecoverable exception.").
struct TaskFailure: Error, CustomStringConvertible {
    var className = "org.apache.kafka.connect.errors.ConnectException"
    var message: String
    var cause: Error?

    var description: String { ConnectTrace.trace(self) }
}
