import SamsaProtocol
import Testing
@testable import SamsaClient

@Suite struct ConsumerGroupsFormatTests {
    typealias Member = ConsumerGroupDescription.Member

    func group(_ state: String, _ members: [Member], strategy: String = "range") -> ConsumerGroupDescription {
        ConsumerGroupDescription(groupId: "billing", state: state, protocolType: "consumer", assignmentStrategy: strategy,
                                 coordinatorId: 0, coordinator: BrokerAddress(host: "127.0.0.1", port: 9092), members: members)
    }

    func tp(_ partition: Int32) -> TopicPartition { TopicPartition("orders", partition) }

    @Test func rowsPutBusyMembersFirstThenIdleMembersThenUnassignedCommits() {
        let described = group("Stable", [
            Member(memberId: "m-small", clientId: "c", host: "/127.0.0.1", assignment: [tp(2)]),
            Member(memberId: "m-idle", clientId: "c", host: "/127.0.0.1", assignment: []),
            Member(memberId: "m-big", clientId: "c", host: "/127.0.0.1", assignment: [tp(1), tp(0)]),
        ])
        let rows = ConsumerGroupsFormat.offsetRows(described, committed: [tp(0): 5, tp(2): 1, tp(3): 7],
                                                   logEnd: [tp(0): 9, tp(1): 4, tp(2): 1, tp(3): 7])
        #expect(rows.map { $0.consumerId ?? "-" } == ["m-big", "m-big", "m-small", "m-idle", "-"])
        #expect(rows.map { $0.topicPartition?.partition } == [0, 1, 2, nil, 3])
        #expect(rows.map(\.lag) == [4, nil, 0, nil, 0], "no commit, no lag")
    }

    @Test func offsetsTableHasKafkasColumnsAndWidths() {
        let rows = [GroupOffsetRow(group: "billing", topicPartition: tp(0), currentOffset: 5, logEndOffset: 9, consumerId: "m1",
                                   host: "/127.0.0.1", clientId: "cli"),
                    GroupOffsetRow(group: "billing", topicPartition: nil, currentOffset: nil, logEndOffset: nil, consumerId: "m2",
                                   host: "/127.0.0.1", clientId: "cli")]
        let expected = """

        GROUP           TOPIC           PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG             CONSUMER-ID     HOST            CLIENT-ID
        billing         orders          0          5               9               4               m1              /127.0.0.1      cli
        billing         -               -          -               -               -               m2              /127.0.0.1      cli

        """
        #expect(ConsumerGroupsFormat.offsets(rows) == expected)
    }

    @Test func membersTableShowsIdleMembersAndAssignments() {
        let described = group("Stable", [Member(memberId: "m1", clientId: "cli", host: "/127.0.0.1", assignment: [tp(0), tp(1)]),
                                         Member(memberId: "m2", clientId: "cli", host: "/127.0.0.1", assignment: [])])
        let lines = ConsumerGroupsFormat.members(described, verbose: true).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "")
        #expect(lines[1] == "GROUP           CONSUMER-ID     HOST            CLIENT-ID       #PARTITIONS     ASSIGNMENT")
        #expect(lines[2] == "billing         m1              /127.0.0.1      cli             2               orders(0,1)")
        #expect(lines[3] == "billing         m2              /127.0.0.1      cli             0               -")
        #expect(!ConsumerGroupsFormat.members(described, verbose: false).contains("ASSIGNMENT"))
    }

    @Test func stateTable() {
        let text = ConsumerGroupsFormat.state(group("Empty", [], strategy: ""))
        #expect(text == """

        GROUP           COORDINATOR (ID)          ASSIGNMENT-STRATEGY  STATE                #MEMBERS
        billing         127.0.0.1:9092  (0)       -                    Empty                0

        """)
    }

    @Test func notesFollowTheGroupState() {
        #expect(ConsumerGroupsFormat.stateNote(group("Empty", [])) == "Consumer group 'billing' has no active members.")
        #expect(ConsumerGroupsFormat.stateNote(group("Dead", [])) == "Error: Consumer group 'billing' does not exist.")
        #expect(ConsumerGroupsFormat.stateNote(group("PreparingRebalance", []))?.contains("is rebalancing") == true)
        #expect(ConsumerGroupsFormat.stateNote(group("Stable", [])) == nil)
    }

    @Test func resetPlanTable() {
        let text = ConsumerGroupsFormat.resetPlan([(group: "billing", offsets: [tp(1): 3, tp(0): 0])])
        #expect(text == """

        GROUP           TOPIC           PARTITION  NEW-OFFSET
        billing         orders          0          0
        billing         orders          1          3

        """)
    }
}
