import Foundation
import SamsaProtocol

/// Kafka's topic name rules: 1-249 characters from [a-zA-Z0-9._-], not "." or "..".
public enum TopicName {
    public static let maxLength = 249

    /// Nil if valid, else one sentence saying why not.
    public static func problem(with name: String) -> String? {
        if name.isEmpty { return "Topic name is empty." }
        if name == "." || name == ".." { return "Topic name cannot be \".\" or \"..\"." }
        if name.utf8.count > maxLength {
            return "Topic name \"\(name.prefix(40))…\" is longer than \(maxLength) characters."
        }
        let allowed = name.utf8.allSatisfy { c in
            (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) || c == 0x2E || c == 0x5F || c == 0x2D
        }
        if !allowed {
            return "Topic name \"\(name)\" is illegal: it may contain only ASCII letters, digits, '.', '_' and '-'."
        }
        return nil
    }

    /// Kafka forbids two topics whose names differ only by '.' versus '_' (their metric names collide).
    public static func collisionKey(_ name: String) -> String {
        name.replacingOccurrences(of: ".", with: "_")
    }

    public static func isInternal(_ name: String) -> Bool {
        name == "__consumer_offsets" || name == "__transaction_state"
    }
}
