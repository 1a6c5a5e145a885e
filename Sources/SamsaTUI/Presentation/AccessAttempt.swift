import SamsaClient
import SamsaProtocol

/// What a workbench call was trying to do, so a refusal can say it in one line: "Not authorized to Write to
/// topic payments (TOPIC_AUTHORIZATION_FAILED)." The operation is Kafka's ACL operation name (Read, Write,
/// Create, Describe, …); the resources are those the call touches.
struct AccessAttempt: Sendable, Equatable {
    var operation: String
    var topic: String? = nil
    var group: String? = nil
    var transactionalId: String? = nil

    static func write(topic: String, transactionalId: String? = nil) -> AccessAttempt {
        AccessAttempt(operation: "Write", topic: topic, transactionalId: transactionalId)
    }
    static func read(topic: String?, group: String? = nil) -> AccessAttempt {
        AccessAttempt(operation: "Read", topic: topic, group: group)
    }

    /// Kafka's authorization and authentication failures.
    static let securityCodes: Set<ErrorCode> = [
        .topicAuthorizationFailed, .groupAuthorizationFailed, .clusterAuthorizationFailed,
        .transactionalIdAuthorizationFailed, .saslAuthenticationFailed,
    ]

    /// The line for `error`: a refusal names the operation and resource and ends with Kafka's error name; any
    /// other error is its own first line.
    func sentence(for error: any Error) -> String {
        guard let code = (error as? ClientError)?.code, Self.securityCodes.contains(code) else {
            return Self.plain(error)
        }
        // The client's sentence (the CLI tools say the same), with Kafka's error name: one wording everywhere.
        let sentence = ClientError.authorization(code, operation, topic: topic, group: group, transactionalId: transactionalId)?.description
            ?? Self.plain(error)
        return "\(Self.trimmed(sentence)) (\(code.name))."
    }

    static func plain(_ error: any Error) -> String {
        let text = String(describing: error).split(separator: "\n").first.map(String.init) ?? ""
        if text.isEmpty { return "The action failed." }
        return text.hasSuffix(".") || text.hasSuffix(")") ? text : text + "."
    }

    private static func trimmed(_ text: String) -> String {
        text.hasSuffix(".") ? String(text.dropLast()) : text
    }
}
