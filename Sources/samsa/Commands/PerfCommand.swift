import ArgumentParser
import Foundation
import NIOCore
import SamsaClient
import SamsaProtocol

/// `samsa perf produce|consume|tui`: like kafka-producer-perf-test and kafka-consumer-perf-test, and the workbench's frame times.
struct PerfCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "perf",
        abstract: "Measure produce and consume throughput and latency, and how fast the workbench draws.",
        subcommands: [PerfProduceCommand.self, PerfConsumeCommand.self, PerfTuiCommand.self, PerfBrowseCommand.self])
}

struct PerfProduceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "produce", abstract: "Send records as fast as allowed; report records/s, MB/s and latency percentiles.")

    @OptionGroup var connection: BootstrapOptions
    @Option(help: "Topic to write (created with broker defaults if missing).") var topic: String
    @Option(name: .customLong("num-records"), help: "How many records to send.") var numRecords: Int
    @Option(name: .customLong("record-size"), help: "Bytes per record value.") var recordSize: Int = 100
    @Option(help: "Records per second to aim for; -1 for no limit.") var throughput: Int = -1
    @Option(name: .customLong("producer-props"), parsing: .upToNextOption, help: ArgumentHelp("Producer properties, key=value …", valueName: "key=value"))
    var producerProps: [String] = []

    func validate() throws {
        if numRecords < 1 { throw ValidationError("--num-records must be at least 1.") }
        if recordSize < 0 { throw ValidationError("--record-size cannot be negative.") }
        var config = ProducerConfig()
        let unknown = try config.apply(try Properties.parse(producerProps, option: "--producer-props"))
        if !unknown.isEmpty { throw ValidationError("Unknown producer properties: \(unknown.joined(separator: ", ")).") }
    }

    func run() async throws {
        var config = ProducerConfig()
        config.acks = 1
        _ = try config.apply(try Properties.parse(producerProps, option: "--producer-props"))
        let client = try connection.client(id: "perf-producer")
        let producer = Producer(client: client, config: config)
        let stats = PerfStats()
        let payload = ByteBuffer(repeating: UInt8(ascii: "x"), count: recordSize)
        let reporter = Task {
            while !Task.isCancelled {
                try await Task.sleep(for: .seconds(5))
                print(stats.windowLine())
            }
        }
        let start = ContinuousClock.now
        for i in 0..<numRecords {
            if throughput > 0 {
                let due = start + .nanoseconds(Int64(i) * 1_000_000_000 / Int64(throughput))
                if due > ContinuousClock.now { try await Task.sleep(until: due) }
            }
            let sent = ContinuousClock.now
            try await producer.enqueue(ProducerRecord(topic: topic, value: payload)) { [recordSize] result in
                switch result {
                case .success:
                    let elapsed = ContinuousClock.now - sent
                    stats.record(latencyMicros: UInt64(max(0, elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000)),
                                 bytes: recordSize)
                case .failure:
                    stats.recordError()
                }
            }
        }
        await producer.flush()
        reporter.cancel()
        print(stats.summaryLine())
        await producer.close()
        await client.close()
        if stats.errors > 0 {
            FileHandle.standardError.write(Data("\(stats.errors) records failed.\n".utf8))
            throw ExitCode(1)
        }
    }
}

struct PerfConsumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consume", abstract: "Read records from the beginning as fast as possible; report MB/s and records/s.")

    @OptionGroup var connection: BootstrapOptions
    @Option(help: "Topic to read.") var topic: String
    @Option(help: "Stop after this many records.") var messages: Int
    @Option(name: .customLong("timeout-ms"), help: "Give up after this long without records.") var timeoutMs: Int = 10000

    func run() async throws {
        let client = try connection.client(id: "perf-consumer")
        let consumer = Consumer(client: client)
        consumer.assign(try await consumer.partitions(of: topic), from: .beginning)
        let stats = PerfStats()
        var last = ContinuousClock.now
        while stats.count < messages {
            let records = try await consumer.poll(timeout: .milliseconds(500))
            if records.isEmpty {
                if ContinuousClock.now - last > .milliseconds(timeoutMs) { break }
                continue
            }
            last = ContinuousClock.now
            for record in records {
                stats.record(latencyMicros: 1, bytes: (record.value?.readableBytes ?? 0) + (record.key?.readableBytes ?? 0))
            }
        }
        let summary = stats.consumeSummary()
        print("data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, seconds")
        print("\(PerfStats.format(summary.megabytes, 4)), \(PerfStats.format(summary.mbPerSecond, 4)), \(summary.records), "
              + "\(PerfStats.format(summary.recordsPerSecond, 1)), \(PerfStats.format(summary.seconds, 3))")
        await client.close()
        if summary.records < messages { throw ExitCode(1) }
    }
}
