import Foundation
import Logging
import SamsaStreams

/// Runs the demos of `samsa streams …` in the workbench's process with SamsaStreams' runtime, as a real
/// client of the cluster at the given bootstrap (loopback in embedded mode).
public enum StreamsDemoLauncher {
    public static let launch: StreamsLauncher = { launch, bootstrap, security in
        let topology: Topology
        switch launch.demo {
        case .wordCount:
            topology = try WordCountDemo.topology(input: launch.inputTopics[0], output: launch.outputTopic)
        case .pageViews:
            topology = try PageViewsDemo.topology(pageViews: launch.inputTopics[0], userProfiles: launch.inputTopics[1],
                                                  output: launch.outputTopic)
        }
        var config = StreamsConfig(applicationId: launch.applicationId, bootstrapServers: bootstrap)
        config.security = security
        config.processingGuarantee = launch.guarantee == .exactlyOnceV2 ? .exactlyOnceV2 : .atLeastOnce
        config.replicationFactor = launch.replicationFactor
        // As `samsa streams wordcount` (Kafka's demo): no record cache, so the view shows each count change.
        if launch.demo == .wordCount { _ = try config.apply(WordCountDemo.defaultProperties) }
        // State of the workbench's own apps lives in a directory of this process, removed when the app stops;
        // a restarted workbench restores its stores from their changelogs (and shows the restore).
        config.stateDir = (NSTemporaryDirectory() as NSString).appendingPathComponent("samsa-workbench-streams-\(getpid())")
        let streams = try KafkaStreams(topology: topology, config: config, logger: Logger(label: "samsa.workbench.streams"))
        do {
            try await streams.start()
        } catch {
            _ = await streams.close(timeout: .seconds(10))
            throw WorkbenchError("Streams app \(launch.applicationId) did not start: \(error)")
        }
        return RunningStreams(streams: streams)
    }
}

/// A `KafkaStreams` the workbench holds.
struct RunningStreams: StreamsAppHandle {
    let streams: KafkaStreams

    func snapshot() async -> StreamsSnapshot { await streams.snapshot() }

    func close() async {
        _ = await streams.close()
        try? streams.cleanUp()
    }
}
