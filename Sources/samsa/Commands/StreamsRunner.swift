import ArgumentParser
import Foundation
import Logging
import SamsaClient
import SamsaStreams
import Synchronization

/// What every `samsa streams` demo does: create missing topics, print the topology, run it with a status
/// line on stderr until Ctrl-C or SIGTERM, then close cleanly (commit, flush stores, write checkpoints).
enum StreamsRunner {
    static func run(_ options: StreamsOptions, defaultApplicationId: String, defaultProperties: [String: String] = [:],
                    topology: Topology, topics: [DemoTopic]) async throws {
        let level = Logger.Level(rawValue: options.logLevel) ?? .warning
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let (config, warnings) = try options.streamsConfig(defaultApplicationId: defaultApplicationId, defaults: defaultProperties)
        for warning in warnings { say("Warning: \(warning)") }
        let admin = Admin(client: KafkaClient(config: try config.clientConfig(clientId: "\(config.applicationId)-admin")))
        let created: [String]
        do {
            created = try await DemoTopic.createMissing(topics, admin: admin)
        } catch {
            await admin.client.close()
            throw error
        }
        await admin.client.close()
        for name in created { say("Created topic \(name).") }
        FileHandle.standardOutput.write(Data(topology.description.description.utf8))

        let streams = try KafkaStreams(topology: topology, config: config, logger: Logger(label: "samsa.streams"))
        let (stopped, stop) = AsyncStream<Void>.makeStream()
        // The first Ctrl-C closes cleanly, which can take a while with a broker gone; a second one quits at once
        // (the next start restores from the changelogs what was not checkpointed).
        let signals = Mutex(0)
        let interrupt = Interrupt {
            if signals.withLock({ count in count += 1; return count }) > 1 {
                say("Stopped without closing; the next start restores its state from the changelogs.")
                exit(130)
            }
            stop.finish()
        }
        try await streams.start()
        say("Started \(config.applicationId) (\(config.processingGuarantee.rawValue)); Ctrl-C stops it.")
        let status = Task {
            var last = ContinuousClock.now - .seconds(3600)
            for await snapshot in streams.snapshots() {
                if snapshot.state == .error {
                    say(StreamsStatusLine.text(snapshot))
                    stop.finish()
                    return
                }
                if ContinuousClock.now - last >= .milliseconds(options.statusIntervalMs) {
                    last = ContinuousClock.now
                    say(StreamsStatusLine.text(snapshot))
                }
            }
        }
        for await _ in stopped {}
        let failed = streams.state == .error
        say("Stopping \(config.applicationId)… (Ctrl-C again to quit at once)")
        let clean = await streams.close()
        status.cancel()
        withExtendedLifetime(interrupt) {}
        say(StreamsStatusLine.text(await streams.snapshot()))
        if failed { throw ExitCode.failure }
        if !clean { say("Warning: the stream threads did not finish within 60 s.") }
    }

    /// A demo with one input and one output topic (pipe, line split).
    static func run(_ options: StreamsOptions, defaultApplicationId: String, defaultInput: String, defaultOutput: String,
                    topology: (_ input: String, _ output: String) throws -> Topology) async throws {
        let input = options.input ?? defaultInput, output = options.output ?? defaultOutput
        try await run(options, defaultApplicationId: defaultApplicationId, topology: try topology(input, output),
                      topics: [DemoTopic(input), DemoTopic(output)])
    }

    static func say(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
