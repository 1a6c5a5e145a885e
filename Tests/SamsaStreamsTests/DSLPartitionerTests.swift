import SamsaProtocol
import Testing
@testable import SamsaStreams

/// A task context with four partitions per topic that records what the task sends.
private final class FourPartitions: PartitionCountProviding {
    let applicationId = "app"
    let taskId = TaskId(subtopology: 0, partition: 0)
    var sent: [(topic: String, partition: Int32?, key: [UInt8]?)] = []
    var asked: [String] = []
    func store(for spec: StoreSpec) throws -> StateStore { throw StreamsError(.topology, "no stores here") }
    func send(topic: String, partition: Int32?, key: [UInt8]?, value: [UInt8]?, timestamp: Int64, headers: [RecordHeader]) throws {
        sent.append((topic, partition, key))
    }
    func recordDropped(reason: DroppedRecordReason) {}
    var wallClockMs: Int64 { 0 }
    func partitionCount(topic: String) throws -> Int32 {
        asked.append(topic)
        return 4
    }
}

private func partitionedTopology(_ choose: @escaping StreamPartitioner<String, String>) throws -> Topology {
    let builder = StreamsBuilder()
    builder.stream("in", Consumed(key: Serdes.string, value: Serdes.string))
        .to("out", Produced(partitioner: choose))
    return try builder.build()
}

private func input(_ key: String?, _ value: String) -> InputRecord {
    InputRecord(topic: "in", partition: 0, offset: 0, timestamp: 1, key: key.map { Array($0.utf8) }, value: Array(value.utf8))
}

@Test func aCustomPartitionerPicksTheSinkPartitionFromThePartitionCount() throws {
    let topology = try partitionedTopology { topic, key, value, count in
        key.map { Int32($0.count) % count }  // a null key: nil, the default partitioner
    }
    let context = FourPartitions()
    let task = try topology.makeTask(context.taskId, context: context)
    try task.initialize()
    try task.process(input("abcdef", "v"))
    try task.process(input(nil, "v"))
    #expect(context.sent.map(\.partition) == [2, nil])
    #expect(context.asked == ["out", "out"])
}

@Test func aPartitionOutsideTheTopicIsAnError() throws {
    let topology = try partitionedTopology { _, _, _, count in count }
    let context = FourPartitions()
    let task = try topology.makeTask(context.taskId, context: context)
    try task.initialize()
    #expect(throws: StreamsError(.illegalState, "The partitioner of sink KSTREAM-SINK-0000000001 chose partition 4 of out, which has 4 partitions.")) {
        try task.process(input("k", "v"))
    }
}
