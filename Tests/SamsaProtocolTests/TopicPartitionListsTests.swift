import Testing
@testable import SamsaProtocol

@Suite struct TopicPartitionListsTests {
    @Test func indexesGroupByTopicInOrderWithoutDuplicates() {
        let grouped = TopicPartitionIndexes.grouping([TopicPartition("orders", 3), TopicPartition("events", 0), TopicPartition("orders", 1),
                                                      TopicPartition("orders", 3)])
        #expect(grouped == [.init(name: "events", partitions: [0]), .init(name: "orders", partitions: [1, 3])])
        #expect(grouped[1].topicPartitions == [TopicPartition("orders", 1), TopicPartition("orders", 3)])
        #expect(TopicPartitionIndexes.grouping([]).isEmpty)
    }

    @Test func errorsGroupByTopicInOrder() {
        let grouped = TopicPartitionErrors.grouping([TopicPartition("orders", 3): .concurrentTransactions, TopicPartition("orders", 0): .none,
                                                     TopicPartition("events", 2): .unknownTopicOrPartition])
        #expect(grouped == [.init(name: "events", partitions: [.init(partitionIndex: 2, errorCode: .unknownTopicOrPartition)]),
                            .init(name: "orders", partitions: [.init(partitionIndex: 0), .init(partitionIndex: 3, errorCode: .concurrentTransactions)])])
        #expect(grouped[1].errors.map(\.0) == [TopicPartition("orders", 0), TopicPartition("orders", 3)])
        #expect(grouped[1].errors.map(\.1) == [.none, .concurrentTransactions])
    }
}
