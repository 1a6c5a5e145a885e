import Foundation
import SamsaProtocol

/// kafka-delete-records' offset JSON file and output: `{"partitions":[{"topic":"t","partition":0,"offset":3}],"version":1}`
/// (version 1 is the only one; absent means 1), one offset per partition.
public enum DeleteRecordsPlan {
    /// The offsets to delete before, per partition, or the sentence Kafka's tool prints for a bad file.
    public static func parse(_ text: String) throws -> [TopicPartition: Int64] {
        guard let data = text.data(using: .utf8), let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ClientError.invalidArgument("The input string is not a valid JSON")
        }
        let version = root["version"].map { ($0 as? NSNumber)?.intValue ?? -1 } ?? 1
        guard version == 1 else { throw ClientError.invalidArgument("Not supported version field value \(root["version"].map { "\($0)" } ?? "")") }
        guard let partitions = root["partitions"] as? [Any] else { throw ClientError.invalidArgument("Missing partitions field") }
        var offsets: [TopicPartition: Int64] = [:]
        var duplicates: [TopicPartition] = []
        for (index, item) in partitions.enumerated() {
            guard let entry = item as? [String: Any], let topic = entry["topic"] as? String, !topic.isEmpty,
                  let partition = (entry["partition"] as? NSNumber).flatMap({ Int32(exactly: $0.doubleValue) }),
                  let offset = (entry["offset"] as? NSNumber).flatMap({ Int64(exactly: $0.doubleValue) }) else {
                throw ClientError.invalidArgument("Entry \(index) of partitions needs a string \"topic\", an integer \"partition\" and an integer \"offset\".")
            }
            let tp = TopicPartition(topic, partition)
            if offsets[tp] != nil { duplicates.append(tp) }
            offsets[tp] = offset
        }
        if !duplicates.isEmpty {
            throw ClientError.invalidArgument("Offset json file contains duplicate topic partitions: "
                                              + Set(duplicates).sorted().map(\.description).joined(separator: ","))
        }
        return offsets
    }

    /// The lines kafka-delete-records prints after "Records delete operation completed:".
    public static func resultLines(_ results: [RecordsDeletion]) -> [String] {
        results.sorted { $0.topicPartition < $1.topicPartition }.map { result in
            result.error == .none ? "partition: \(result.topicPartition)\tlow_watermark: \(result.lowWatermark)"
                : "partition: \(result.topicPartition)\terror: \(KafkaExceptionName.describe(result.error))"
        }
    }
}
