import ArgumentParser
import Foundation
import SamsaClient
import Synchronization

/// `samsa console-producer`: each line of standard input becomes a record (like kafka-console-producer.sh).
struct ConsoleProducerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console-producer",
        abstract: "Write lines from standard input to a topic, one record per line (like kafka-console-producer.sh).",
        discussion: """
        With --property parse.key=true and --property key.separator=: a line "k:v" has key k and value v.
        With --producer-property transactional.id=ID the lines are written in transactions: each line is its own \
        transaction, or with --transaction-size N every N lines make one; at the end of input the open transaction \
        commits, Ctrl-C aborts it, and a line that fails aborts its transaction (its earlier lines are not written either).
        """)

    @OptionGroup var connection: BootstrapOptions

    @Option(help: "The topic to write to.") var topic: String
    @Option(name: .customLong("property"), help: ArgumentHelp("Line reader property: parse.key, key.separator, parse.headers, … (repeatable).", valueName: "key=value"))
    var properties: [String] = []
    @Option(name: .customLong("producer-property"), help: ArgumentHelp("Producer property: acks, linger.ms, batch.size, … (repeatable).", valueName: "key=value"))
    var producerProperties: [String] = []
    @Option(name: .customLong("producer.config"),
            help: ArgumentHelp("Producer properties file: security.protocol, ssl.*, sasl.*, acks, linger.ms, … (--producer-property wins).", valueName: "file"))
    var producerConfigFile: String?
    @Option(name: .customLong("request-required-acks"), help: "acks: all, -1, 1 or 0 (default all).") var acks: String?
    @Flag(help: "Wait for each record's acknowledgement before reading the next line.") var sync = false
    @Option(name: .customLong("transaction-size"), help: "With transactional.id: lines per transaction (default 1).")
    var transactionSize: Int?

    func validate() throws {
        _ = try LineReader(properties: try Properties.parse(properties))
        let config = try producerConfig()
        if let transactionSize {
            if transactionSize < 1 { throw ValidationError("--transaction-size must be at least 1.") }
            if config.transactionalId == nil { throw ValidationError("--transaction-size needs --producer-property transactional.id=ID.") }
        }
    }

    func producerConfig() throws -> ProducerConfig {
        var config = ProducerConfig()
        var settings = try Properties.parse(producerProperties, option: "--producer-property")
        if let acks { settings["acks"] = acks }
        let (_, fromFile) = try connection.clientConfig(id: "console-producer", file: producerConfigFile)
        let unknown: [String]
        do {
            unknown = try config.apply(fromFile.merging(settings) { $1 })
        } catch let error as ClientError {
            throw ValidationError(error.description)
        }
        let unknownFlags = unknown.filter { settings[$0] != nil }
        if !unknownFlags.isEmpty { throw ValidationError("Unknown producer properties: \(unknownFlags.joined(separator: ", ")).") }
        BootstrapOptions.warnUnknown(unknown.filter { settings[$0] == nil }, file: producerConfigFile ?? connection.commandConfig)
        return config
    }

    func run() async throws {
        let reader = try LineReader(properties: try Properties.parse(properties))
        let config = try producerConfig()
        let client = KafkaClient(config: try connection.clientConfig(id: "console-producer", file: producerConfigFile).0)
        let producer = Producer(client: client, config: config)
        let failures = Atomic<Int>(0)
        let topic = self.topic
        let sync = self.sync
        let transactionSize = self.transactionSize ?? 1
        @Sendable func report(_ error: Error) {
            FileHandle.standardError.write(Data("Error when sending a record to topic \(topic): \(error)\n".utf8))
            failures.add(1, ordering: .relaxed)
        }
        // Returns whether Ctrl-C left a transaction open (it is aborted below, outside the cancelled task).
        let work = Task { () -> Bool in
            var batching: TransactionBatching?
            if config.transactionalId != nil {
                do {
                    try await producer.initTransactions()
                    batching = TransactionBatching(size: transactionSize)
                } catch {
                    report(error)
                    return false
                }
            }
            for await line in StdinLines.stream(prompt: isatty(0) == 1) {
                if Task.isCancelled { break }
                let record: ProducerRecord
                do {
                    record = try reader.record(topic: topic, line: line)
                } catch {
                    FileHandle.standardError.write(Data("\(error)\n".utf8))
                    failures.add(1, ordering: .relaxed)
                    continue
                }
                do {
                    if batching?.hasOpenRecords == false { try producer.beginTransaction() }
                    if sync {
                        try await producer.send(record)
                    } else {
                        try await producer.enqueue(record) { result in
                            if case .failure(let error) = result { report(error) }
                        }
                    }
                    if batching?.recordSent() == true {
                        batching?.ended()
                        try await producer.commitTransaction()
                    }
                } catch {
                    report(error)
                    if batching != nil {
                        batching?.ended()
                        if !(await Self.abort(producer, report: report)) { return false }
                    }
                }
            }
            if Task.isCancelled { return batching?.hasOpenRecords == true }
            if batching?.hasOpenRecords == true {
                do {
                    try await producer.commitTransaction()
                } catch {
                    report(error)
                    _ = await Self.abort(producer, report: report)
                }
            }
            return false
        }
        let interrupt = Interrupt { work.cancel() }
        if await work.value { _ = await Self.abort(producer, report: report) }
        await producer.close()
        await client.close()
        withExtendedLifetime(interrupt) {}
        if failures.load(ordering: .relaxed) > 0 { throw ExitCode(1) }
    }

    /// Aborts the open transaction after a failure; false when the producer can no longer be used (fenced).
    private static func abort(_ producer: Producer, report: (Error) -> Void) async -> Bool {
        guard producer.transactionState != .fatalError else { return false }
        do {
            try await producer.abortTransaction()
            return true
        } catch {
            report(error)
            return false
        }
    }
}
