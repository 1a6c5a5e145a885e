import Foundation
import SamsaClient
import SamsaProtocol
import SamsaStreams
import Testing

/// End-to-end: instances sharing an application's tasks, and exactly-once across a failure.
@Suite(.serialized) struct RuntimeGroupTests {
    @Test func twoInstancesShareTasksAndStateFollowsAMovedTask() async throws {
        let cluster = try await RuntimeTestCluster.start()
        defer { cluster.stop() }
        try await cluster.createTopic("share-in", partitions: 4)
        try await cluster.createTopic("share-out", partitions: 4)
        let dirA = temporaryStateDir(), dirB = temporaryStateDir()
        defer { try? FileManager.default.removeItem(atPath: dirA); try? FileManager.default.removeItem(atPath: dirB) }
        let topology = RuntimeTopologies.wordCount(input: "share-in", output: "share-out")
        let a = try KafkaStreams(topology: topology, config: try cluster.streamsConfig(app: "share", stateDir: dirA))
        try await a.start()
        let allTasks = Set((0..<2).flatMap { s in (0..<4).map { TaskId(subtopology: s, partition: Int32($0)) } })
        try await runtimeEventually { Set(await a.snapshot().tasks.map(\.id)) == allTasks }

        let b = try KafkaStreams(topology: topology, config: try cluster.streamsConfig(app: "share", stateDir: dirB))
        try await b.start()
        try await runtimeEventually {
            let (ta, tb) = (await a.snapshot().tasks.map(\.id), await b.snapshot().tasks.map(\.id))
            return ta.count == 4 && tb.count == 4 && Set(ta + tb) == allTasks
        }
        let words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"]
        var expected: [String: Int64] = [:]
        var lines: [(String?, String)] = []
        for i in 0..<40 {
            let line = [words[i % 8], words[(i * 3) % 8]].joined(separator: " ")
            lines.append((String(i), line))
            for word in line.split(separator: " ") { expected[String(word), default: 0] += 1 }
        }
        try await cluster.produce("share-in", lines)
        var output = try await cluster.readAll("share-out") { latestCounts($0) == expected }
        #expect(latestCounts(output) == expected)
        // Each instance answers for its own tasks; together they hold every word once.
        let qa = try a.keyValueStore("counts", key: Serdes.string, value: Serdes.long).all()
        let qb = try b.keyValueStore("counts", key: Serdes.string, value: Serdes.long).all()
        #expect(qa.count + qb.count == 8)
        #expect(Dictionary(uniqueKeysWithValues: (qa + qb).map { ($0.key, $0.value) }) == expected)

        // B leaves: A takes its tasks back and restores their stores from the changelog.
        let movedCountTasks = Set(await b.snapshot().tasks.map(\.id).filter { $0.subtopology == 1 })
        await b.close()
        try await runtimeEventually { Set(await a.snapshot().tasks.map(\.id)) == allTasks && a.state == .running }
        let restoring = await a.snapshot().tasks.filter { movedCountTasks.contains($0.id) }.flatMap(\.restoring)
        #expect(restoring.count == movedCountTasks.count)
        // A had checkpointed these tasks when they moved to B: it replays what B logged since.
        #expect(restoring.allSatisfy { $0.done })
        #expect(restoring.reduce(0) { $0 + $1.total } > 0)
        try await cluster.produce("share-in", [("x", "alpha beta theta")])
        for word in ["alpha", "beta", "theta"] { expected[word, default: 0] += 1 }
        output = try await cluster.readAll("share-out") { latestCounts($0) == expected }
        #expect(latestCounts(output) == expected)
        #expect(try a.keyValueStore("counts", key: Serdes.string, value: Serdes.long).get("theta") == expected["theta"])
        await a.close()
    }

    /// A tool reading the group (the workbench, run elsewhere) finds the topology in the member's subscription
    /// user data and its task ids in its assignment's, as DescribeGroups returns them.
    @Test func membersPublishTheirTopologyAndTasksInTheGroupProtocol() async throws {
        let cluster = try await RuntimeTestCluster.start(brokers: 1)
        defer { cluster.stop() }
        try await cluster.createTopic("pub-in", partitions: 2)
        try await cluster.createTopic("pub-out", partitions: 2)
        let stateDir = temporaryStateDir()
        defer { try? FileManager.default.removeItem(atPath: stateDir) }
        let topology = RuntimeTopologies.wordCount(input: "pub-in", output: "pub-out")
        let streams = try KafkaStreams(topology: topology, config: try cluster.streamsConfig(app: "pub", stateDir: stateDir))
        try await streams.start()
        let allTasks = ["0_0", "0_1", "1_0", "1_1"]
        try await runtimeEventually { await streams.snapshot().tasks.map(\.id.description).sorted() == allTasks }
        let admin = Admin(client: try cluster.client())
        defer { Task { await admin.client.close() } }
        var member: ConsumerGroupDescription.Member?
        try await runtimeEventually {
            let group = try await admin.describeGroups(["pub"]).first
            member = group?.members.first
            return group?.state == "Stable" && group?.assignmentStrategy == "stream" && member?.assignmentUserData != nil
        }
        let subscription = try #require(member?.subscriptionUserData.flatMap(StreamsSubscriptionInfo.decode))
        #expect(subscription.applicationId == "pub")
        #expect(subscription.topology == topology.description)
        #expect(subscription.topology?.subtopologies.map(\.id) == [0, 1])
        let assignment = try #require(member?.assignmentUserData.flatMap(StreamsAssignmentInfo.decode))
        #expect(assignment.activeTasks.sorted() == allTasks)
        await streams.close()
    }

    /// Counting keys straight from the input (one subtopology, so records reach the count task without
    /// waiting for a commit of a repartition topic).
    @Test func exactlyOnceAfterAFailureMidTransaction() async throws {
        let cluster = try await RuntimeTestCluster.start()
        defer { cluster.stop() }
        try await cluster.createTopic("eos-in", partitions: 2)
        try await cluster.createTopic("eos-out", partitions: 2)
        let stateDir = temporaryStateDir()
        defer { try? FileManager.default.removeItem(atPath: stateDir) }
        func words(_ lines: Range<Int>) -> [(String?, String)] { lines.flatMap { _ in ["one", "two", "three"].map { ($0, $0) } } }
        func counts(_ n: Int64) -> [String: Int64] { ["one": n, "two": n, "three": n] }
        let eos = try cluster.streamsConfig(app: "eos", stateDir: stateDir, guarantee: "exactly_once_v2")

        // 1. Ten rounds counted and committed; a clean close checkpoints the stores.
        let first = try KafkaStreams(topology: RuntimeTopologies.keyCount(input: "eos-in", output: "eos-out"), config: eos)
        try await first.start()
        try await cluster.produce("eos-in", words(0..<10))
        var committed = try await cluster.readAll("eos-out", readCommitted: true) { latestCounts($0) == counts(10) }
        #expect(latestCounts(committed) == counts(10))
        await first.close()

        // 2. A long transaction: five rounds are counted and written (uncommitted), then the task fails on the
        // 18th count, so the transaction is aborted with its 15 outputs and their changelog records.
        var slow = eos
        slow.commitIntervalMsOverride = 600_000
        slow.producerOverrides["transaction.timeout.ms"] = "600000"
        let failing = try KafkaStreams(topology: RuntimeTopologies.keyCount(input: "eos-in", output: "eos-out", failAfter: 18), config: slow)
        try await failing.start()
        try await cluster.produce("eos-in", words(10..<15))
        let open = try await cluster.readAll("eos-out") { $0.count >= 45 }
        #expect(open.count == 45)
        try await cluster.produce("eos-in", words(15..<20))
        try await runtimeEventually { failing.state == .error }
        await failing.close()

        // 3. Restarted: the state is rebuilt from the committed changelog and every count appears once.
        let restarted = try KafkaStreams(topology: RuntimeTopologies.keyCount(input: "eos-in", output: "eos-out"), config: eos)
        try await restarted.start()
        committed = try await cluster.readAll("eos-out", readCommitted: true) { latestCounts($0) == counts(20) }
        for word in ["one", "two", "three"] {
            #expect(countsSeen(committed, key: word) == Array(1...20), "counts of \(word), in order, each once")
        }
        let everything = try await cluster.readAll("eos-out") { $0.count >= 75 }
        // At least the 15 outputs of the aborted transaction (and any of the failing poll sent before the
        // failure) are in the log, hidden from read_committed, which holds exactly the 60 counts.
        #expect(committed.count == 60)
        #expect(everything.count >= 75)
        #expect(try restarted.keyValueStore("counts", key: Serdes.string, value: Serdes.long).get("two") == 20)
        await restarted.close()
    }

    /// A broker crash mid-stream (the workbench tour's step): processing goes on and, at exactly_once_v2,
    /// every count still appears once.
    @Test func processingContinuesExactlyOnceWhenABrokerIsKilled() async throws {
        let cluster = try await RuntimeTestCluster.start()
        defer { cluster.stop() }
        try await cluster.createTopic("kill-in", partitions: 3)
        try await cluster.createTopic("kill-out", partitions: 3)
        let stateDir = temporaryStateDir()
        defer { try? FileManager.default.removeItem(atPath: stateDir) }
        func words(_ rounds: Int) -> [(String?, String)] { (0..<rounds).flatMap { _ in ["one", "two", "three"].map { ($0, $0) } } }
        func counts(_ n: Int64) -> [String: Int64] { ["one": n, "two": n, "three": n] }
        let streams = try KafkaStreams(topology: RuntimeTopologies.keyCount(input: "kill-in", output: "kill-out"),
                                       config: try cluster.streamsConfig(app: "kill", stateDir: stateDir, guarantee: "exactly_once_v2"))
        try await streams.start()
        try await cluster.produce("kill-in", words(10))
        _ = try await cluster.readAll("kill-out", readCommitted: true) { latestCounts($0) == counts(10) }
        try cluster.cluster.killBroker(cluster.cluster.brokers[1].id)
        try await cluster.produce("kill-in", words(10))
        let committed = try await cluster.readAll("kill-out", readCommitted: true) { latestCounts($0) == counts(20) }
        for word in ["one", "two", "three"] {
            #expect(countsSeen(committed, key: word) == Array(1...20), "counts of \(word), in order, each once")
        }
        #expect(streams.state != .error)
        await streams.close()
    }
}
