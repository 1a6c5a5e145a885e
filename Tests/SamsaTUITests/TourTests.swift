import SamsaClient
import SamsaProtocol
import Testing
@testable import SamsaTUI

@Suite struct TourTests {
    let empty = Fixtures.cluster(topics: [Fixtures.internalTopic], groups: [])

    func topic(_ name: String, records: Int64 = 0, leader: Int32 = 0, epoch: Int32 = 0) -> TopicStatus {
        TopicStatus(name: name, partitions: [
            PartitionStatus(index: 0, leader: leader, leaderEpoch: epoch, replicas: [
                ReplicaStatus(brokerId: 0, logEndOffset: records, inSync: true),
                ReplicaStatus(brokerId: 1, logEndOffset: records, inSync: true),
            ], highWatermark: records),
        ])
    }

    // Mutating calls cannot sit inside #expect; these wrap them.
    func next(_ tour: inout TourProgress, _ snapshot: WorkbenchSnapshot) -> Bool { tour.next(snapshot) }
    func back(_ tour: inout TourProgress, _ snapshot: WorkbenchSnapshot) -> Bool { tour.back(snapshot) }
    func observe(_ tour: inout TourProgress, _ snapshot: WorkbenchSnapshot) -> Bool { tour.observe(snapshot) }

    @Test func everyStepSpeaksBothLanguages() {
        for step in TourSteps.all {
            #expect(!step.title.en.isEmpty && !step.body.en.isEmpty)
            #expect(step.title.ko.unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) }, "\(step.id) lacks Korean")
            #expect(step.body.ko.unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) })
            #expect(step.isDoing == (step.howTo != nil))
        }
        #expect(Set(TourSteps.all.map(\.id)).count == TourSteps.all.count)
    }

    @Test func theTourNoticeOutlastsTheOutcomeOfTheActionThatDidTheStep() {
        // The refresher can publish the new topic before the create action's outcome reaches the loop.
        let (workbench, _) = Fixtures.workbench(empty, showTour: true)
        for _ in TourSteps.all where !workbench.tour.step.isDoing { workbench.press(.char("n")) }
        #expect(workbench.tour.step.id == "create-topic")
        workbench.update(Fixtures.cluster(version: 2, topics: [Fixtures.internalTopic, topic("quickstart-events")], groups: []))
        #expect(workbench.state.status?.text == "Tour: step done. Press n in the tour to go on.")
        workbench.receive(ActionOutcome(action: .createTopic(name: "quickstart-events", partitions: 3, replicationFactor: 3),
                                        message: "Created topic quickstart-events.", isError: false, receipt: nil))
        #expect(workbench.state.status?.text == "Created topic quickstart-events. Tour: step done. Press n in the tour to go on.")
        workbench.receive(ActionOutcome(action: .heal, message: "Every broker is up and connected.", isError: false, receipt: nil))
        #expect(workbench.state.status?.text == "Every broker is up and connected.")  // said once is enough
    }

    @Test func learningStepsAdvanceButDoingStepsWaitForTheSnapshot() {
        var tour = TourProgress(snapshot: empty)
        for _ in 0..<TourSteps.all.count where !tour.step.isDoing { #expect(next(&tour, empty)) }
        #expect(tour.step.id == "create-topic")
        #expect(!next(&tour, empty))  // nothing created yet

        // 1. A topic appears.
        var snapshot = Fixtures.cluster(version: 2, topics: [Fixtures.internalTopic, topic("quickstart-events")], groups: [])
        #expect(observe(&tour, snapshot))
        #expect(tour.topic == "quickstart-events")
        #expect(next(&tour, snapshot))

        // 2. One record is not enough; two are.
        #expect(tour.step.id == "write-events")
        snapshot = Fixtures.cluster(version: 3, topics: [topic("quickstart-events", records: 1)], groups: [])
        #expect(!observe(&tour, snapshot))
        snapshot = Fixtures.cluster(version: 4, topics: [topic("quickstart-events", records: 2)], groups: [])
        #expect(observe(&tour, snapshot))
        #expect(next(&tour, snapshot))

        // 3. A consumer read them (a record of another topic does not count).
        #expect(tour.step.id == "read-events")
        snapshot = Fixtures.cluster(version: 5, topics: [topic("quickstart-events", records: 2)], groups: [],
                                    tail: [Fixtures.record("other", offset: 0, value: "x")])
        #expect(!observe(&tour, snapshot))
        snapshot = Fixtures.cluster(version: 6, topics: [topic("quickstart-events", records: 2)], groups: [],
                                    tail: [Fixtures.record("quickstart-events", offset: 0, value: "This is my first event")])
        #expect(observe(&tour, snapshot))
        #expect(next(&tour, snapshot))

        // 4. A group with two members on the topic.
        #expect(tour.step.id == "consumer-group")
        func group(_ members: Int) -> GroupStatus {
            GroupStatus(id: "g", state: .stable, members: (0..<members).map {
                GroupMember(memberId: "m\($0)", clientId: "c", host: "h", assignment: $0 == 0 ? [TopicPartition("quickstart-events", 0)] : [])
            })
        }
        snapshot = Fixtures.cluster(version: 7, topics: [topic("quickstart-events", records: 2)], groups: [group(1)])
        #expect(!observe(&tour, snapshot))
        snapshot = Fixtures.cluster(version: 8, topics: [topic("quickstart-events", records: 2)], groups: [group(2)])
        #expect(observe(&tour, snapshot))
        #expect(next(&tour, snapshot))

        // 5. The leader moves to the follower with a new epoch; an offline partition would not count.
        #expect(tour.step.id == "failover")
        let offline = TopicStatus(name: "quickstart-events", partitions: [
            PartitionStatus(index: 0, leader: nil, leaderEpoch: 1, replicas: [], highWatermark: 2)])
        #expect(!observe(&tour, Fixtures.cluster(version: 9, topics: [offline], groups: [])))
        snapshot = Fixtures.cluster(version: 10, topics: [topic("quickstart-events", records: 2, leader: 1, epoch: 1)], groups: [])
        #expect(observe(&tour, snapshot))
        #expect(next(&tour, snapshot))

        // 5b. Exactly once: a commit since the step began, then a read_committed consumer reading what it wrote.
        #expect(tour.step.id == "exactly-once")
        let began = Fixtures.time.addingTimeInterval(10)
        let commit = ClusterEvent(time: began, kind: .transactionCommitted, text: "Transaction workbench-tx committed")
        func read(_ isolation: IsolationLevel, offset: Int64) -> TailRecord {
            TailRecord(topic: "quickstart-events", partition: 0, offset: offset, timestamp: began, key: nil, value: "v",
                       consumer: "c", group: "g", isolation: isolation)
        }
        let written = [topic("quickstart-events", records: 4, leader: 1, epoch: 1)]
        // A read_uncommitted consumer reading the new records, or an old record read committed, is not it.
        snapshot = Fixtures.cluster(version: 11, topics: written, groups: [], tail: [read(.readUncommitted, offset: 2), read(.readCommitted, offset: 1)],
                                    events: [commit])
        #expect(!observe(&tour, snapshot))
        // Without a commit, reading committed proves nothing about a transaction.
        snapshot = Fixtures.cluster(version: 12, topics: written, groups: [], tail: [read(.readCommitted, offset: 2)])
        #expect(!observe(&tour, snapshot))
        snapshot = Fixtures.cluster(version: 13, topics: written, groups: [], tail: [read(.readCommitted, offset: 3)], events: [commit])
        #expect(observe(&tour, snapshot))
        #expect(next(&tour, snapshot))

        // 6. Connect: test.txt → connect-test → test.sink.txt, and a line appended later follows into the sink's file
        // and the record tail.
        #expect(tour.step.id == "connect")
        func connectTail(_ values: [String]) -> [TailRecord] {
            values.enumerated().map { offset, line in
                TailRecord(topic: "connect-test", partition: 0, offset: Int64(offset), timestamp: began, key: nil,
                           value: "{\"schema\":{\"type\":\"string\",\"optional\":false},\"payload\":\"\(line)\"}", consumer: "c", group: "g")
            }
        }
        let quickStart = Fixtures.cluster(version: 14, topics: written, groups: [], tail: connectTail(["foo", "bar"]), events: [commit])
        // The quick start's two lines only: nothing appended yet.
        snapshot = quickStart.with(connect: ConnectFixtures.connect(sinkLines: ["foo", "bar"]))
        #expect(!observe(&tour, snapshot))
        // A third line in the sink's file, not yet in the tail; then in both.
        snapshot = quickStart.with(connect: ConnectFixtures.connect(sinkLines: ["foo", "bar", "baz"]), version: 15)
        #expect(!observe(&tour, snapshot))
        snapshot = Fixtures.cluster(version: 16, topics: written, groups: [], tail: connectTail(["foo", "bar", "baz"]), events: [commit])
            .with(connect: ConnectFixtures.connect(sinkLines: ["foo", "bar", "baz"]))
        #expect(observe(&tour, snapshot))
        #expect(next(&tour, snapshot))

        // 7. Streams: a word count started here keeps processing after a broker went down.
        #expect(tour.step.id == "streams")
        let down = ClusterEvent(time: began.addingTimeInterval(5), kind: .brokerDown, text: "Broker 1 crashed")
        let counting = StreamsFixtures.localApp(lastProgress: began.addingTimeInterval(3))
        // Counting, but nothing failed yet; then a failure, but no progress since.
        snapshot = Fixtures.cluster(version: 17, topics: written, groups: [], events: [commit]).with(streams: [counting])
        #expect(!observe(&tour, snapshot))
        snapshot = Fixtures.cluster(version: 18, topics: written, groups: [], events: [commit, down]).with(streams: [counting])
        #expect(!observe(&tour, snapshot))
        let carriedOn = StreamsFixtures.localApp(lastProgress: began.addingTimeInterval(8))
        snapshot = Fixtures.cluster(version: 19, topics: written, groups: [], events: [commit, down]).with(streams: [carriedOn])
        #expect(observe(&tour, snapshot))
        #expect(next(&tour, snapshot))

        // 8. Wiping is explained, then the end.
        #expect(tour.step.id == "wipe")
        #expect(next(&tour, snapshot))
        #expect(tour.isLast)
        #expect(!next(&tour, snapshot))
        #expect(back(&tour, snapshot))
        #expect(tour.step.id == "wipe")
    }

    @Test func anyNewUserTopicSatisfiesTheCreateStep() {
        let step = TourSteps.doing[0]
        let before = empty
        let after = Fixtures.cluster(topics: [Fixtures.internalTopic, topic("my-events")], groups: [])
        #expect(step.isSatisfied(TourContext(baseline: before, now: after, topic: nil)))
        #expect(!step.isSatisfied(TourContext(baseline: after, now: after, topic: nil)))
        #expect(TourSteps.followedTopic(in: after, baseline: before) == "my-events")
    }

    @Test func theTourPaneSaysWhenAStepIsDone() {
        let (workbench, canvas) = Fixtures.workbench(empty, showTour: true)
        for _ in 0..<TourSteps.all.count where !workbench.tour.step.isDoing { workbench.press(.char("n")) }
        Fixtures.draw(workbench, on: canvas)
        #expect(canvas.screen.contains("Step 1: create a topic"))
        #expect(canvas.screen.contains("Waiting for you to do it"))
        workbench.press(.char("n"))
        #expect(workbench.tour.step.id == "create-topic")
        workbench.update(Fixtures.cluster(version: 9, topics: [topic("quickstart-events")], groups: []))
        Fixtures.draw(workbench, on: canvas)
        #expect(canvas.screen.contains("✓ Done! Press n to go on."))
        workbench.press(.char("L"))
        Fixtures.draw(workbench, on: canvas)
        #expect(canvas.screen.contains("1단계: 토픽 만들기"))
        #expect(canvas.screen.contains("✓ 완료! n을 눌러 계속하세요."))
        workbench.press(.char("n"))
        #expect(workbench.tour.step.id == "write-events")
    }
}
