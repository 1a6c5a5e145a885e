/// `kafka-topics --describe` output.
public enum TopicDescriptionFormat {
    public static func lines(_ topic: Admin.TopicDescription) -> [String] {
        let configs = topic.configs.map { "\($0.name)=\($0.value)" }.joined(separator: ",")
        var lines = ["Topic: \(topic.name)\tTopicId: \(topic.id)\tPartitionCount: \(topic.partitions.count)\t"
                     + "ReplicationFactor: \(topic.replicationFactor)\tConfigs: \(configs)"]
        for partition in topic.partitions {
            let leader = partition.leader >= 0 ? "\(partition.leader)" : "none"
            var line = "\tTopic: \(topic.name)\tPartition: \(partition.partition)\tLeader: \(leader)\t"
                + "Replicas: \(list(partition.replicas))\tIsr: \(list(partition.isr))"
            if !partition.offline.isEmpty { line += "\tOffline: \(list(partition.offline))" }
            lines.append(line)
        }
        return lines
    }

    static func list(_ ids: [Int32]) -> String { ids.map(String.init).joined(separator: ",") }
}
