import ArgumentParser
import SamsaClient
import SamsaProtocol

/// `samsa cluster`: see the brokers and make them fail, to watch leaders move and followers catch up.
struct ClusterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Describe the brokers and inject faults: stop, kill, start or isolate a broker, slow a follower, elect leaders.",
        discussion: """
        Fault injection works against `samsa server` (any broker of it); --elect-leaders works against any Kafka cluster.
        A broker that is down does not answer: to start it again, name another broker in --bootstrap-server.
        """)

    @OptionGroup var connection: BootstrapOptions

    @Flag(help: "List every broker with its status and which one is the controller.") var describe = false
    @Option(name: .customLong("stop-broker"), help: ArgumentHelp("Shut a broker down cleanly (leaderships move first).", valueName: "id"))
    var stopBroker: Int32?
    @Option(name: .customLong("kill-broker"), help: ArgumentHelp("Crash a broker: no flush, no clean shutdown.", valueName: "id"))
    var killBroker: Int32?
    @Option(name: .customLong("start-broker"), help: ArgumentHelp("Start a stopped or killed broker; it recovers and catches up.", valueName: "id"))
    var startBroker: Int32?
    @Option(name: .customLong("isolate-broker"), help: ArgumentHelp("Cut a broker off from clients and peers (a network partition).", valueName: "id"))
    var isolateBroker: Int32?
    @Flag(help: "End every network partition made with --isolate-broker.") var heal = false
    @Option(name: .customLong("slow-follower"), help: ArgumentHelp("Delay a broker's replica fetches (with --delay-ms).", valueName: "id"))
    var slowFollower: Int32?
    @Option(name: .customLong("delay-ms"), help: "With --slow-follower: milliseconds before each fetch (0 restores full speed).")
    var delayMs: Int32?
    @Flag(name: .customLong("elect-leaders"), help: "Preferred leader election: give partitions back to their first replica.")
    var electLeaders = false
    @Flag(help: "With --elect-leaders: unclean election of offline partitions (may lose acknowledged records).")
    var unclean = false
    @Option(help: "With --elect-leaders: only this topic.") var topic: String?
    @Option(help: "With --elect-leaders and --topic: only this partition.") var partition: Int32?

    func validate() throws {
        let chosen = [describe, stopBroker != nil, killBroker != nil, startBroker != nil, isolateBroker != nil, heal,
                      slowFollower != nil, electLeaders].filter { $0 }.count
        guard chosen == 1 else {
            throw ValidationError("Give exactly one of --describe, --stop-broker, --kill-broker, --start-broker, --isolate-broker, --heal, --slow-follower or --elect-leaders.")
        }
        if slowFollower != nil && delayMs == nil { throw ValidationError("--slow-follower needs --delay-ms.") }
        if let delayMs, delayMs < 0 || slowFollower == nil { throw ValidationError("--delay-ms must be 0 or more and goes with --slow-follower.") }
        if (topic != nil || partition != nil || unclean) && !electLeaders {
            throw ValidationError("--topic, --partition and --unclean go with --elect-leaders.")
        }
        if partition != nil && topic == nil { throw ValidationError("--partition needs --topic.") }
    }

    func run() async throws {
        let client = try connection.client(id: "samsa-cluster")
        do {
            try await perform(Admin(client: client))
            await client.close()
        } catch {
            await client.close()
            throw error
        }
    }

    private func perform(_ admin: Admin) async throws {
        do {
            if electLeaders {
                try await elect(admin)
                return
            }
            let state: SamsaClusterResponse
            if describe {
                state = try await admin.clusterState()
            } else if let id = stopBroker {
                state = try await admin.clusterAction(.stopBroker, broker: id)
                print("Broker \(id) is shutting down cleanly.")
            } else if let id = killBroker {
                state = try await admin.clusterAction(.killBroker, broker: id)
                print("Broker \(id) was killed.")
            } else if let id = startBroker {
                state = try await admin.clusterAction(.startBroker, broker: id)
                print("Broker \(id) started.")
            } else if let id = isolateBroker {
                state = try await admin.clusterAction(.isolateBroker, broker: id)
                print("Broker \(id) is isolated from clients and peers.")
            } else if heal {
                state = try await admin.clusterAction(.heal)
                print("Network partitions healed.")
            } else if let id = slowFollower, let delayMs {
                state = try await admin.clusterAction(.slowFollower, broker: id, delayMs: delayMs)
                print(delayMs > 0 ? "Broker \(id) now waits \(delayMs) ms before each replica fetch." : "Broker \(id) replicates at full speed again.")
            } else {
                return
            }
            if describe { for line in ClusterStateFormat.lines(state) { print(line) } }
        } catch let error as ClientError {
            if case .connectionFailed = error {
                throw ValidationError("\(error) If that broker is down, name another one, e.g. --bootstrap-server localhost:9093.")
            }
            throw error
        }
    }

    private func elect(_ admin: Admin) async throws {
        var partitions: [TopicPartition]?
        if let topic {
            if let partition {
                partitions = [TopicPartition(topic, partition)]
            } else {
                partitions = try await admin.describeTopics([topic]).first?.partitions.map { TopicPartition(topic, $0.partition) }
            }
        }
        let results = try await admin.electLeaders(unclean: unclean, partitions: partitions)
        let elected = results.filter { $0.error == .none }
        if elected.isEmpty {
            print("Valid replica already elected for every partition; nothing changed.")
        } else {
            print("Successfully completed leader election for partitions \(elected.map(\.topicPartition.description).joined(separator: ", ")).")
        }
        for failed in results where failed.error != .none && failed.error != .electionNotNeeded {
            print("Election for \(failed.topicPartition) failed: \(failed.message ?? failed.error.name)")
        }
    }
}
