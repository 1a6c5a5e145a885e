import ArgumentParser
import Foundation
import SamsaClient
import SamsaProtocol

/// `samsa transactions`: list, describe and abort transactions, and show partitions' producers (like
/// kafka-transactions.sh, with its columns).
struct TransactionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transactions",
        abstract: "List, describe and abort transactions; show a partition's producers (like kafka-transactions.sh).",
        discussion: """
        --abort writes an ABORT marker to one partition for a hanging transaction. Name it with --start-offset (the offset \
        its first record has, as --describe-producers shows it), or with --producer-id, --producer-epoch and --coordinator-epoch.
        """)

    @OptionGroup var connection: BootstrapOptions

    @Flag(help: "List every transactional id the coordinators know.") var list = false
    @Flag(help: "Describe one transactional id (needs --transactional-id).") var describe = false
    @Flag(name: .customLong("describe-producers"), help: "Show the producers a partition's leader tracks (needs --topic and --partition).")
    var describeProducers = false
    @Flag(help: "Abort a hanging transaction on one partition (needs --topic, --partition and the transaction).") var abort = false

    @Option(name: .customLong("transactional-id"), help: "With --describe: the transactional id.") var transactionalId: String?
    @Option(help: "With --describe-producers or --abort: the topic.") var topic: String?
    @Option(help: "With --describe-producers or --abort: the partition.") var partition: Int32?
    @Option(name: .customLong("start-offset"), help: "With --abort: the offset the transaction's first record has.") var startOffset: Int64?
    @Option(name: .customLong("producer-id"), help: "With --abort: the transaction's producer id.") var producerId: Int64?
    @Option(name: .customLong("producer-epoch"), help: "With --abort: the transaction's producer epoch.") var producerEpoch: Int16?
    @Option(name: .customLong("coordinator-epoch"), parsing: .unconditional, help: "With --abort: the coordinator epoch (-1 counts as 0).") var coordinatorEpoch: Int32?
    @Option(name: .customLong("broker-id"), help: "With --describe-producers: ask this broker's replica instead of the leader.")
    var brokerId: Int32?
    @Option(name: .customLong("duration-filter"), help: "With --list: only transactions running longer than this many ms.")
    var durationFilter: Int64?

    func validate() throws {
        guard [list, describe, describeProducers, abort].filter({ $0 }).count == 1 else {
            throw ValidationError("Give exactly one of --list, --describe, --describe-producers or --abort.")
        }
        if transactionalId != nil && !describe { throw ValidationError("--transactional-id only applies to --describe.") }
        if describe && (transactionalId ?? "").isEmpty { throw ValidationError("--describe needs --transactional-id.") }
        if durationFilter != nil && !list { throw ValidationError("--duration-filter only applies to --list.") }
        if brokerId != nil && !describeProducers { throw ValidationError("--broker-id only applies to --describe-producers.") }
        let partitionScoped = describeProducers || abort
        if (topic != nil || partition != nil) && !partitionScoped {
            throw ValidationError("--topic and --partition only apply to --describe-producers and --abort.")
        }
        if partitionScoped && (topic == nil || partition == nil) {
            throw ValidationError("--\(abort ? "abort" : "describe-producers") needs --topic and --partition.")
        }
        if let partition, partition < 0 { throw ValidationError("--partition must not be negative.") }
        let byProducer = producerId != nil || producerEpoch != nil || coordinatorEpoch != nil
        if (byProducer || startOffset != nil) && !abort {
            throw ValidationError("--start-offset, --producer-id, --producer-epoch and --coordinator-epoch only apply to --abort.")
        }
        if abort {
            if startOffset != nil && byProducer {
                throw ValidationError("Name the transaction with --start-offset or with --producer-id, --producer-epoch and --coordinator-epoch, not both.")
            }
            if startOffset == nil && !byProducer {
                throw ValidationError("The transaction to abort must be identified either with --start-offset or with --producer-id, --producer-epoch and --coordinator-epoch.")
            }
            if byProducer && (producerId == nil || producerEpoch == nil || coordinatorEpoch == nil) {
                throw ValidationError("--abort by producer needs all of --producer-id, --producer-epoch and --coordinator-epoch.")
            }
            if let startOffset, startOffset < 0 { throw ValidationError("--start-offset must not be negative.") }
        }
    }

    func run() async throws {
        let client = try connection.client(id: "samsa-transactions")
        do {
            try await perform(Admin(client: client))
            await client.close()
        } catch let error as ClientError {
            await client.close()
            FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }

    private func perform(_ admin: Admin) async throws {
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        if list {
            print(TransactionsFormat.list(try await admin.listTransactions(durationFilterMs: durationFilter ?? -1)), terminator: "")
        } else if describe, let transactionalId {
            print(TransactionsFormat.describe(try await admin.describeTransaction(transactionalId), nowMs: now), terminator: "")
        } else if let topic, let partition {
            let tp = TopicPartition(topic, partition)
            if describeProducers {
                print(TransactionsFormat.producers(try await admin.describeProducers(tp, brokerId: brokerId)), terminator: "")
            } else if let startOffset {
                try await admin.abortTransaction(try await admin.abortSpec(tp, startOffset: startOffset))
            } else if let producerId, let producerEpoch, let coordinatorEpoch {
                try await admin.abortTransaction(AbortTransactionSpec(topicPartition: tp, producerId: producerId, producerEpoch: producerEpoch,
                                                                      coordinatorEpoch: max(0, coordinatorEpoch)))
            }
        }
    }
}
