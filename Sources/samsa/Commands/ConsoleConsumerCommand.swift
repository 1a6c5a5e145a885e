import ArgumentParser
import Foundation
import SamsaClient
import SamsaProtocol
import Synchronization

/// `samsa console-consumer`: prints a topic's records (like kafka-console-consumer.sh).
struct ConsoleConsumerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console-consumer",
        abstract: "Print records from a topic to standard output (like kafka-console-consumer.sh).")

    @OptionGroup var connection: BootstrapOptions

    @Option(help: "The topic to read.") var topic: String
    @Flag(name: .customLong("from-beginning"), help: "Start at the earliest record rather than the end.") var fromBeginning = false
    @Option(help: "Read only this partition.") var partition: Int32?
    @Option(help: "With --partition: earliest, latest or an offset to start at (default latest).") var offset: String?
    @Option(name: .customLong("max-messages"), help: "Exit after printing this many records.") var maxMessages: Int?
    @Option(name: .customLong("timeout-ms"), help: "Exit if no record arrives for this long.") var timeoutMs: Int?
    @Option(name: .customLong("property"), help: ArgumentHelp("Formatter property: print.key, print.offset, print.partition, print.timestamp, print.headers, key.separator, … (repeatable).", valueName: "key=value"))
    var properties: [String] = []

    func validate() throws {
        if offset != nil && partition == nil { throw ValidationError("--offset needs --partition.") }
        if offset != nil && fromBeginning { throw ValidationError("Give --offset or --from-beginning, not both.") }
        if let offset, !["earliest", "latest"].contains(offset), Int64(offset).map({ $0 < 0 }) ?? true {
            throw ValidationError("--offset must be earliest, latest or a non-negative number, not \"\(offset)\".")
        }
        if let maxMessages, maxMessages < 1 { throw ValidationError("--max-messages must be at least 1.") }
        _ = try MessageFormatter(properties: try Properties.parse(properties))
    }

    var start: StartPosition {
        switch offset {
        case "earliest": return .beginning
        case "latest": return .end
        case let text?: return .offset(Int64(text)!)
        case nil: return fromBeginning ? .beginning : .end
        }
    }

    func run() async throws {
        let formatter = try MessageFormatter(properties: try Properties.parse(properties))
        let client = try connection.client(id: "console-consumer")
        let consumer = Consumer(client: client)
        let printed = Atomic<Int>(0)
        let work = Task { () throws -> Void in
            let partitions = if let partition { [TopicPartition(topic, partition)] } else { try await consumer.partitions(of: topic) }
            consumer.assign(partitions, from: start)
            var lastRecord = ContinuousClock.now
            while !Task.isCancelled {
                let records = try await consumer.poll(timeout: .milliseconds(500))
                if records.isEmpty {
                    if let timeoutMs, ContinuousClock.now - lastRecord > .milliseconds(timeoutMs) { return }
                    continue
                }
                lastRecord = ContinuousClock.now
                var text = ""
                for record in records {
                    text += formatter.format(record)
                    if printed.add(1, ordering: .relaxed).newValue == maxMessages { break }
                }
                FileHandle.standardOutput.write(Data(text.utf8))
                if let maxMessages, printed.load(ordering: .relaxed) >= maxMessages { return }
            }
        }
        let interrupt = Interrupt { work.cancel() }
        let result = await work.result
        await client.close()
        withExtendedLifetime(interrupt) {}
        FileHandle.standardError.write(Data("Processed a total of \(printed.load(ordering: .relaxed)) messages\n".utf8))
        if case .failure(let error) = result, !(error is CancellationError) { throw error }
    }
}
