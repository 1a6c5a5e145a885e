import Foundation
import SamsaProtocol

/// kafka-log-dirs' output: its JSON line with the keys in the order the tool prints them (Java HashMaps:
/// `brokers` before `version`, `partitions`, `error`, `logDir` in a directory).
public enum LogDirsFormat {
    /// The comma-separated broker ids kafka-log-dirs names.
    public static func brokerList(_ ids: [Int32]) -> String { ids.sorted().map(String.init).joined(separator: ",") }

    /// One JSON line; with `topics` non-empty only their partitions are listed.
    public static func json(_ byBroker: [Int32: [LogDirInfo]], topics: Set<String>) -> String {
        let brokers = byBroker.sorted { $0.key < $1.key }.map { id, dirs in
            let logDirs = dirs.map { dir in
                let partitions = dir.replicas
                    .filter { topics.isEmpty || topics.contains($0.topicPartition.topic) }
                    .sorted { $0.topicPartition < $1.topicPartition }
                    .map { "{\"partition\":\(quote($0.topicPartition.description)),\"size\":\($0.size),\"offsetLag\":\($0.offsetLag),\"isFuture\":\($0.isFuture)}" }
                let error = dir.error == .none ? "null" : quote(KafkaExceptionName.describe(dir.error).split(separator: ":")[0].description)
                return "{\"partitions\":[\(partitions.joined(separator: ","))],\"error\":\(error),\"logDir\":\(quote(dir.path))}"
            }
            return "{\"broker\":\(id),\"logDirs\":[\(logDirs.joined(separator: ","))]}"
        }
        return "{\"brokers\":[\(brokers.joined(separator: ","))],\"version\":1}"
    }

    /// A JSON string literal.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
