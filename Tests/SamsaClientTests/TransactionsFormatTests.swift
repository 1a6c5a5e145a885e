import Foundation
import SamsaProtocol
import Testing
@testable import SamsaClient

@Suite struct TransactionsFormatTests {
    @Test func listPadsColumnsAndEndsCellsWithTabs() {
        let text = TransactionsFormat.list([
            TransactionListing(transactionalId: "payments-writer", producerId: 4000, state: "Ongoing", coordinatorId: 2),
            TransactionListing(transactionalId: "a", producerId: 7, state: "CompleteCommit", coordinatorId: 1),
        ])
        #expect(text == """
            TransactionalId\tCoordinator\tProducerId\tTransactionState\t
            a              \t1          \t7         \tCompleteCommit  \t
            payments-writer\t2          \t4000      \tOngoing         \t

            """)
    }

    @Test func describeShowsDurationOrNone() {
        var description = TransactionDescription(coordinatorId: 1, transactionalId: "tx", state: "Ongoing", producerId: 3, producerEpoch: 2,
                                                 transactionTimeoutMs: 60000, transactionStartTimeMs: 1_000,
                                                 topicPartitions: [TopicPartition("a", 0), TopicPartition("b", 2)])
        let rows = TransactionsFormat.describe(description, nowMs: 1_250).split(separator: "\n").map { $0.split(separator: "\t").map { $0.trimmingCharacters(in: .whitespaces) } }
        #expect(rows[0] == TransactionsFormat.describeHeaders)
        #expect(rows[1] == ["1", "tx", "3", "2", "Ongoing", "60000", "1000", "250", "a-0,b-2"])
        description.transactionStartTimeMs = nil
        description.state = "CompleteCommit"
        description.topicPartitions = []
        let idle = TransactionsFormat.describe(description, nowMs: 1_250).split(separator: "\n")[1]
        #expect(idle.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                == ["1", "tx", "3", "2", "CompleteCommit", "60000", "None", "None", "", ""])
    }

    @Test func producersShowMissingValuesAsKafkaDoes() {
        let text = TransactionsFormat.producers([
            ProducerStateDescription(producerId: 12, producerEpoch: 0, lastSequence: 4, lastTimestamp: 1_700_000_000_000,
                                     coordinatorEpoch: nil, currentTransactionStartOffset: 40),
            ProducerStateDescription(producerId: 13, producerEpoch: 1, lastSequence: 0, lastTimestamp: 5, coordinatorEpoch: 3,
                                     currentTransactionStartOffset: nil),
        ])
        let lines = text.split(separator: "\n").map { $0.split(separator: "\t").map { $0.trimmingCharacters(in: .whitespaces) } }
        #expect(lines[0] == TransactionsFormat.producersHeaders)
        #expect(lines[1] == ["12", "0", "-1", "4", "1700000000000", "40"])
        #expect(lines[2] == ["13", "1", "3", "0", "5", "None"])
    }

    @Test func anEmptyListIsTheHeaderOnly() {
        #expect(TransactionsFormat.list([]) == "TransactionalId\tCoordinator\tProducerId\tTransactionState\t\n")
    }
}
