import Testing
@testable import SamsaTUI

/// Sources publish snapshots in the order their builds began.
@Suite struct SourceLifetimeTests {
    @Test func aSnapshotBuiltEarlierIsNotPublishedOverALaterOne() {
        let publisher = SnapshotPublisher(mode: .embedded)
        let early = publisher.beginBuild(), late = publisher.beginBuild()
        publisher.publish(Fixtures.cluster(topics: [Fixtures.orders()]), build: late)
        publisher.publish(Fixtures.cluster(topics: []), build: early)  // read before the topic existed
        #expect(publisher.latest.topics.map(\.name) == ["orders"])
        #expect(publisher.latest.version == 1)
        publisher.publish(Fixtures.cluster(topics: []), build: publisher.beginBuild())
        #expect(publisher.latest.topics.isEmpty)
        #expect(publisher.latest.version == 2)
    }
}
