import ArgumentParser
import Testing
@testable import SamsaClient
@testable import samsa

@Suite struct TransactionsParsingTests {
    func rejects(_ arguments: [String], _ comment: Comment? = nil) {
        #expect(throws: (any Error).self, comment) { try Samsa.parseAsRoot(arguments) }
    }

    /// The one sentence a bad command line gets.
    func message(_ arguments: [String]) -> String {
        do {
            _ = try Samsa.parseAsRoot(arguments)
            return ""
        } catch {
            return Samsa.message(for: error)
        }
    }

    func transactions(_ arguments: [String]) throws -> TransactionsCommand {
        try #require(try Samsa.parseAsRoot(["transactions", "--bootstrap-server", "localhost:9092"] + arguments) as? TransactionsCommand)
    }

    @Test func exactlyOneAction() throws {
        rejects(["transactions"], "no action")
        rejects(["transactions", "--list", "--describe", "--transactional-id", "x"], "two actions")
        #expect(message(["transactions"]) == "Give exactly one of --list, --describe, --describe-producers or --abort.")
        #expect(try transactions(["--list"]).list)
        #expect(try transactions(["--list", "--duration-filter", "5000"]).durationFilter == 5000)
        rejects(["transactions", "--describe", "--duration-filter", "5"], "duration filter outside --list")
    }

    @Test func describeNeedsATransactionalId() throws {
        rejects(["transactions", "--describe"], "no id")
        rejects(["transactions", "--list", "--transactional-id", "x"], "id with --list")
        #expect(message(["transactions", "--describe"]) == "--describe needs --transactional-id.")
        #expect(try transactions(["--describe", "--transactional-id", "orders"]).transactionalId == "orders")
    }

    @Test func describeProducersNeedsAPartition() throws {
        rejects(["transactions", "--describe-producers", "--topic", "t"], "no partition")
        rejects(["transactions", "--describe-producers", "--topic", "t", "--partition", "-1"], "negative partition")
        rejects(["transactions", "--list", "--topic", "t"], "topic with --list")
        let command = try transactions(["--describe-producers", "--topic", "t", "--partition", "3"])
        #expect(command.describeProducers && command.topic == "t" && command.partition == 3 && command.brokerId == nil)
        #expect(try transactions(["--describe-producers", "--topic", "t", "--partition", "3", "--broker-id", "2"]).brokerId == 2)
        rejects(["transactions", "--list", "--broker-id", "2"], "broker id outside --describe-producers")
    }

    @Test func abortNeedsTheTransactionOneWayOnly() throws {
        let base = ["transactions", "--abort", "--topic", "t", "--partition", "0"]
        rejects(base, "no transaction named")
        rejects(base + ["--start-offset", "5", "--producer-id", "1", "--producer-epoch", "0", "--coordinator-epoch", "0"], "both ways")
        rejects(base + ["--producer-id", "1", "--producer-epoch", "0"], "no coordinator epoch")
        rejects(base + ["--start-offset", "-2"], "negative offset")
        rejects(["transactions", "--abort", "--start-offset", "5"], "no partition")
        rejects(["transactions", "--list", "--start-offset", "5"], "start offset without --abort")
        #expect(message(base).hasPrefix("The transaction to abort must be identified either with --start-offset"))
        #expect(try transactions(["--abort", "--topic", "t", "--partition", "0", "--start-offset", "42"]).startOffset == 42)
        let byProducer = try transactions(["--abort", "--topic", "t", "--partition", "0", "--producer-id", "7", "--producer-epoch", "2",
                                           "--coordinator-epoch", "-1"])
        #expect(byProducer.producerId == 7 && byProducer.producerEpoch == 2 && byProducer.coordinatorEpoch == -1)
    }

    @Test func consoleProducerTransactions() throws {
        let base = ["console-producer", "--topic", "t"]
        let parsed = try #require(try Samsa.parseAsRoot(base + ["--producer-property", "transactional.id=tx", "--transaction-size", "10"])
                                  as? ConsoleProducerCommand)
        #expect(parsed.transactionSize == 10)
        #expect(try parsed.producerConfig().transactionalId == "tx")
        rejects(base + ["--transaction-size", "10"], "size without a transactional id")
        rejects(base + ["--producer-property", "transactional.id=tx", "--transaction-size", "0"], "empty transactions")
        rejects(base + ["--producer-property", "transactional.id=tx", "--request-required-acks", "1"], "acks=1 in a transaction")
        #expect(message(base + ["--transaction-size", "2"]) == "--transaction-size needs --producer-property transactional.id=ID.")
    }

    @Test func consoleConsumerIsolationLevel() throws {
        let base = ["console-consumer", "--topic", "t"]
        let committed = try #require(try Samsa.parseAsRoot(base + ["--isolation-level", "read_committed"]) as? ConsoleConsumerCommand)
        #expect(try committed.isolation() == .readCommitted)
        let plain = try #require(try Samsa.parseAsRoot(base) as? ConsoleConsumerCommand)
        #expect(try plain.isolation() == .readUncommitted)
        let grouped = try #require(try Samsa.parseAsRoot(base + ["--group", "g", "--isolation-level", "read_committed"]) as? ConsoleConsumerCommand)
        #expect(try grouped.groupConfig().fetch.isolationLevel == .readCommitted)
        rejects(base + ["--isolation-level", "committed"], "unknown level")
        rejects(base + ["--group", "g", "--isolation-level", "read_committed", "--consumer-property", "isolation.level=read_uncommitted"],
                "conflicting levels")
        #expect(message(base + ["--isolation-level", "x"]) == "--isolation-level must be read_committed or read_uncommitted, not \"x\".")
    }
}
