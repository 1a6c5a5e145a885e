import ArgumentParser
import Foundation
import SamsaClient
import Synchronization

/// `samsa console-producer`: each line of standard input becomes a record (like kafka-console-producer.sh).
struct ConsoleProducerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console-producer",
        abstract: "Write lines from standard input to a topic, one record per line (like kafka-console-producer.sh).",
        discussion: "With --property parse.key=true and --property key.separator=: a line \"k:v\" has key k and value v.")

    @OptionGroup var connection: BootstrapOptions

    @Option(help: "The topic to write to.") var topic: String
    @Option(name: .customLong("property"), help: ArgumentHelp("Line reader property: parse.key, key.separator, parse.headers, … (repeatable).", valueName: "key=value"))
    var properties: [String] = []
    @Option(name: .customLong("producer-property"), help: ArgumentHelp("Producer property: acks, linger.ms, batch.size, … (repeatable).", valueName: "key=value"))
    var producerProperties: [String] = []
    @Option(name: .customLong("request-required-acks"), help: "acks: all, -1, 1 or 0 (default all).") var acks: String?
    @Flag(help: "Wait for each record's acknowledgement before reading the next line.") var sync = false

    func validate() throws {
        _ = try LineReader(properties: try Properties.parse(properties))
        _ = try producerConfig()
    }

    func producerConfig() throws -> ProducerConfig {
        var config = ProducerConfig()
        var settings = try Properties.parse(producerProperties, option: "--producer-property")
        if let acks { settings["acks"] = acks }
        let unknown = try config.apply(settings)
        if !unknown.isEmpty { throw ValidationError("Unknown producer properties: \(unknown.joined(separator: ", ")).") }
        return config
    }

    func run() async throws {
        let reader = try LineReader(properties: try Properties.parse(properties))
        let client = try connection.client(id: "console-producer")
        let producer = Producer(client: client, config: try producerConfig())
        let failures = Atomic<Int>(0)
        let topic = self.topic
        let work = Task {
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
                    if sync {
                        try await producer.send(record)
                    } else {
                        try await producer.enqueue(record) { result in
                            if case .failure(let error) = result {
                                FileHandle.standardError.write(Data("Error when sending a record to topic \(topic): \(error)\n".utf8))
                                failures.add(1, ordering: .relaxed)
                            }
                        }
                    }
                } catch {
                    FileHandle.standardError.write(Data("Error when sending a record to topic \(topic): \(error)\n".utf8))
                    failures.add(1, ordering: .relaxed)
                }
            }
        }
        let interrupt = Interrupt { work.cancel() }
        _ = await work.value
        await producer.close()
        await client.close()
        withExtendedLifetime(interrupt) {}
        if failures.load(ordering: .relaxed) > 0 { throw ExitCode(1) }
    }
}
