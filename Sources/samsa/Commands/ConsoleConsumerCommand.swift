import ArgumentParser
import Foundation
import SamsaClient
import SamsaProtocol
import Synchronization

/// `samsa console-consumer`: prints a topic's records (like kafka-console-consumer.sh), on its own or as
/// a member of a consumer group.
struct ConsoleConsumerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console-consumer",
        abstract: "Print records from a topic to standard output (like kafka-console-consumer.sh).",
        discussion: """
        With --group the consumer joins that consumer group: the group's partitions are shared with its other members, \
        reading starts at the group's committed offsets (--from-beginning: at the earliest record when the group has none), \
        and offsets are committed as it goes and on Ctrl-C, which also leaves the group cleanly.
        """)

    @OptionGroup var connection: BootstrapOptions

    @Option(help: "The topic to read.") var topic: String
    @Option(name: .customLong("consumer.config"),
            help: ArgumentHelp("Consumer properties file: security.protocol, ssl.*, sasl.*, and consumer settings (--consumer-property wins).", valueName: "file"))
    var consumerConfigFile: String?
    @Flag(name: .customLong("from-beginning"), help: "Start at the earliest record rather than the end (with --group: when the group has no committed offset).")
    var fromBeginning = false
    @Option(help: "Consume as a member of this consumer group.") var group: String?
    @Option(help: "Read only this partition.") var partition: Int32?
    @Option(help: "With --partition: earliest, latest or an offset to start at (default latest).") var offset: String?
    @Option(name: .customLong("max-messages"), help: "Exit after printing this many records.") var maxMessages: Int?
    @Option(name: .customLong("timeout-ms"), help: "Exit if no record arrives for this long.") var timeoutMs: Int?
    @Option(name: .customLong("property"), help: ArgumentHelp("Formatter property: print.key, print.offset, print.partition, print.timestamp, print.headers, key.separator, key.deserializer, value.deserializer, … (repeatable).", valueName: "key=value"))
    var properties: [String] = []
    @Option(name: .customLong("key-deserializer"), help: ArgumentHelp("How keys print: string (default), long, int, short, double, float, bytes, hex, or a Kafka class such as org.apache.kafka.common.serialization.LongDeserializer.", valueName: "deserializer"))
    var keyDeserializer: String?
    @Option(name: .customLong("value-deserializer"), help: ArgumentHelp("How values print (as --key-deserializer); a word count's output: long.", valueName: "deserializer"))
    var valueDeserializer: String?
    @Option(help: ArgumentHelp("Kafka's formatter class; only its DefaultMessageFormatter (kafka.tools.DefaultMessageFormatter), which is the default, is available.", valueName: "class"))
    var formatter: String?
    @Flag(name: .customLong("skip-message-on-error"), help: "When a record cannot be deserialized, say so and go on instead of stopping.")
    var skipMessageOnError = false
    @Option(name: .customLong("isolation-level"), help: "read_committed (skip aborted transactions, stop at open ones) or read_uncommitted (the default).")
    var isolationLevel: String?
    @Option(name: .customLong("consumer-property"), help: ArgumentHelp("With --group: a consumer property, e.g. session.timeout.ms, heartbeat.interval.ms, enable.auto.commit, partition.assignment.strategy (repeatable).", valueName: "key=value"))
    var consumerProperties: [String] = []

    func validate() throws {
        if offset != nil && partition == nil { throw ValidationError("--offset needs --partition.") }
        if offset != nil && fromBeginning { throw ValidationError("Give --offset or --from-beginning, not both.") }
        if let offset, !["earliest", "latest"].contains(offset), Int64(offset).map({ $0 < 0 }) ?? true {
            throw ValidationError("--offset must be earliest, latest or a non-negative number, not \"\(offset)\".")
        }
        if let maxMessages, maxMessages < 1 { throw ValidationError("--max-messages must be at least 1.") }
        if group != nil && partition != nil { throw ValidationError("--group cannot be combined with --partition: the group assigns partitions.") }
        if group == nil && !consumerProperties.isEmpty { throw ValidationError("--consumer-property only applies with --group.") }
        if let group, group.isEmpty { throw ValidationError("--group must not be empty.") }
        _ = try isolation()
        _ = try makeFormatter()
        if group != nil { _ = try groupConfig() }
    }

    var start: StartPosition {
        switch offset {
        case "earliest": return .beginning
        case "latest": return .end
        case let text?: return .offset(Int64(text)!)
        case nil: return fromBeginning ? .beginning : .end
        }
    }

    /// The formatter from `--property` items and the --key/--value-deserializer flags (Kafka's tool puts those
    /// flags into the same properties, so one name given both ways must agree).
    func makeFormatter() throws -> MessageFormatter {
        // Kafka's quick starts spell the default formatter out; accept its old and new class names.
        if let formatter, !["kafka.tools.DefaultMessageFormatter", "org.apache.kafka.tools.consumer.DefaultMessageFormatter",
                            "DefaultMessageFormatter"].contains(formatter) {
            throw ValidationError("--formatter \(formatter) is not available; samsa console-consumer formats records as Kafka's DefaultMessageFormatter does.")
        }
        var settings = try Properties.parse(properties)
        for (flag, key, value) in [("--key-deserializer", "key.deserializer", keyDeserializer), ("--value-deserializer", "value.deserializer", valueDeserializer)] {
            guard let value else { continue }
            if let given = settings[key], given != value {
                throw ValidationError("\(flag) \(value) conflicts with --property \(key)=\(given).")
            }
            settings[key] = value
        }
        return try MessageFormatter(properties: settings)
    }

    /// `--isolation-level`, read_uncommitted unless given.
    func isolation() throws -> IsolationLevel {
        guard let isolationLevel else { return .readUncommitted }
        guard let level = IsolationLevel(name: isolationLevel) else {
            throw ValidationError("--isolation-level must be read_committed or read_uncommitted, not \"\(isolationLevel)\".")
        }
        return level
    }

    /// The group consumer's settings: --from-beginning is auto.offset.reset=earliest, as in Kafka's tool.
    func groupConfig() throws -> GroupConsumerConfig {
        let flags = try Properties.parse(consumerProperties, option: "--consumer-property")
        let (_, fromFile) = try connection.clientConfig(id: "console-consumer", file: consumerConfigFile)
        let settings = fromFile.merging(flags) { $1 }
        if let id = settings["group.id"], id != group {
            throw ValidationError("--group \(group ?? "") and --consumer-property group.id=\(id) name different groups.")
        }
        if fromBeginning, let reset = settings["auto.offset.reset"], reset != "earliest" {
            throw ValidationError("--from-beginning conflicts with --consumer-property auto.offset.reset=\(reset).")
        }
        if let level = settings["isolation.level"], let isolationLevel, level != isolationLevel {
            throw ValidationError("--isolation-level \(isolationLevel) conflicts with --consumer-property isolation.level=\(level).")
        }
        var config = GroupConsumerConfig(groupId: group ?? "")
        config.autoOffsetReset = fromBeginning ? .earliest : .latest
        config.fetch.isolationLevel = try isolation()
        do {
            let unknown = try config.apply(settings)
            let unknownFlags = unknown.filter { flags[$0] != nil }
            if !unknownFlags.isEmpty { throw ValidationError("Unknown consumer properties: \(unknownFlags.joined(separator: ", ")).") }
            BootstrapOptions.warnUnknown(unknown.filter { flags[$0] == nil }, file: consumerConfigFile ?? connection.commandConfig)
        } catch let error as ClientError {
            throw ValidationError(error.description)
        }
        return config
    }

    func run() async throws {
        let formatter = try makeFormatter()
        let skipMessageOnError = skipMessageOnError
        let client = KafkaClient(config: try connection.clientConfig(id: "console-consumer", file: consumerConfigFile).0)
        let member = try group.map { _ in try GroupConsumer(client: client, config: try groupConfig()) }
        let printed = Atomic<Int>(0)
        let work = Task { () throws -> Void in
            let poll: @Sendable () async throws -> [ConsumerRecord]
            if let member {
                member.subscribe([topic])
                poll = { try await member.poll(timeout: .milliseconds(500)) }
            } else {
                var config = ConsumerConfig()
                config.isolationLevel = try isolation()
                let consumer = Consumer(client: client, config: config)
                let partitions = if let partition { [TopicPartition(topic, partition)] } else { try await consumer.partitions(of: topic) }
                consumer.assign(partitions, from: start)
                poll = { try await consumer.poll(timeout: .milliseconds(500)) }
            }
            var lastRecord = ContinuousClock.now
            while !Task.isCancelled {
                let records = try await poll()
                if records.isEmpty {
                    if let timeoutMs, ContinuousClock.now - lastRecord > .milliseconds(timeoutMs) { return }
                    continue
                }
                lastRecord = ContinuousClock.now
                var text = ""
                var unprinted: ArraySlice<ConsumerRecord> = []
                for (i, record) in records.enumerated() {
                    do {
                        text += try formatter.format(record)
                    } catch {
                        // Kafka's tool stops at a record its deserializer rejects, unless told to skip it.
                        let at = "partition \(record.partition), offset \(record.offset)"
                        if skipMessageOnError {
                            FileHandle.standardError.write(Data("Error processing message at \(at), skipping this message: \(error)\n".utf8))
                        } else {
                            FileHandle.standardOutput.write(Data(text.utf8))
                            throw ConsoleConsumerError.undeserializable("Error processing message at \(at), terminating consumer process: \(error)")
                        }
                    }
                    if printed.add(1, ordering: .relaxed).newValue == maxMessages {
                        unprinted = records[(i + 1)...]
                        break
                    }
                }
                FileHandle.standardOutput.write(Data(text.utf8))
                if let maxMessages, printed.load(ordering: .relaxed) >= maxMessages {
                    // Commit only what was printed: the group's next reader starts at the first record not shown.
                    for record in unprinted.reversed() { member?.seek(TopicPartition(record.topic, record.partition), to: record.offset) }
                    return
                }
            }
        }
        let interrupt = Interrupt { work.cancel() }
        let result = await work.result
        await member?.close()
        await client.close()
        withExtendedLifetime(interrupt) {}
        FileHandle.standardError.write(Data("Processed a total of \(printed.load(ordering: .relaxed)) messages\n".utf8))
        // After Ctrl-C, a request cut short by the interruption is part of stopping, not a failure.
        if case .failure(let error) = result, !(error is CancellationError), !work.isCancelled {
            // Kafka's tool logs this sentence as it stops; "Error: Error processing…" would say it twice.
            if let error = error as? ConsoleConsumerError {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                throw ExitCode.failure
            }
            throw error
        }
    }
}

/// Why console-consumer stopped early; printed as one line, as Kafka's tool logs it.
enum ConsoleConsumerError: Error, CustomStringConvertible {
    case undeserializable(String)

    var description: String {
        switch self {
        case .undeserializable(let why): return why
        }
    }
}
