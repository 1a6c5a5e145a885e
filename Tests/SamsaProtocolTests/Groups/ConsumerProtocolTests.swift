import NIOCore
import Testing
@testable import SamsaProtocol

@Suite struct ConsumerProtocolTests {
    func subscription(_ v: Int16) -> ConsumerProtocolSubscription {
        ConsumerProtocolSubscription(topics: ["orders", "events"], userData: fixtureRecords,
                                     ownedPartitions: v >= 1 ? [.init(topic: "orders", partitions: [0, 2])] : [],
                                     generationId: v >= 2 ? 7 : -1, rackId: v >= 3 ? "rack-a" : nil)
    }

    let assignment = ConsumerProtocolAssignment(assignedPartitions: [.init(topic: "orders", partitions: [0, 2]),
                                                                     .init(topic: "events", partitions: [1])])

    @Test func roundTripsEveryVersion() throws {
        try CodecChecks.roundTrip(subscription(3), versions: ConsumerProtocolSubscription.versions, flexibleFrom: nil)
        try CodecChecks.roundTrip(ConsumerProtocolSubscription(topics: ["a"], rackId: "r"), versions: ConsumerProtocolSubscription.versions,
                                  flexibleFrom: nil)
        var withUserData = assignment
        withUserData.userData = fixtureRecords
        try CodecChecks.roundTrip(withUserData, versions: ConsumerProtocolAssignment.versions, flexibleFrom: nil)
        for version in ConsumerProtocolSubscription.versions {
            #expect(try ConsumerProtocolSubscription(decoding: subscription(3).encode(version: version)) == subscription(version))
            #expect(try ConsumerProtocolAssignment(decoding: withUserData.encode(version: version)) == withUserData)
        }
    }

    @Test func matchesKafkaPython() throws {
        #expect(KafkaPythonFixtures.consumerSubscription.keys.sorted() == Array(ConsumerProtocolSubscription.versions))
        #expect(KafkaPythonFixtures.consumerAssignment.keys.sorted() == Array(ConsumerProtocolAssignment.versions))
        for (version, hex) in KafkaPythonFixtures.consumerSubscription {
            #expect(try ConsumerProtocolSubscription(decoding: CodecChecks.bytes(hex)) == subscription(version))
            #expect(CodecChecks.hex(subscription(version).encode(version: version)) == hex)
        }
        for (version, hex) in KafkaPythonFixtures.consumerAssignment {
            #expect(try ConsumerProtocolAssignment(decoding: CodecChecks.bytes(hex)) == assignment)
            #expect(CodecChecks.hex(assignment.encode(version: version)) == hex)
        }
    }

    @Test func assignmentsConvertToAndFromPartitions() {
        let partitions = [TopicPartition("orders", 0), TopicPartition("events", 1), TopicPartition("orders", 2)]
        #expect(ConsumerProtocolAssignment(partitions: partitions).assignedPartitions == [.init(topic: "events", partitions: [1]),
                                                                                       .init(topic: "orders", partitions: [0, 2])])
        #expect(assignment.partitions == [TopicPartition("orders", 0), TopicPartition("orders", 2), TopicPartition("events", 1)])
    }

    /// A newer consumer may append fields; the known prefix must still decode, as Kafka's own reader allows.
    @Test func readsAFutureVersionByItsKnownPrefix() throws {
        var future = subscription(3).encode(version: 3)
        future.setInteger(Int16(9), at: future.readerIndex)
        future.writeInteger(Int32(12345))
        future.writeBytes([0, 2, 0x68, 0x69])
        #expect(try ConsumerProtocolSubscription(decoding: future) == subscription(3))

        var futureAssignment = assignment.encode(version: 3)
        futureAssignment.setInteger(Int16(4), at: futureAssignment.readerIndex)
        futureAssignment.writeInteger(Int64(-1))
        #expect(try ConsumerProtocolAssignment(decoding: futureAssignment) == assignment)
    }

    @Test func rejectsNegativeVersionsAndTruncation() throws {
        var negative = assignment.encode(version: 0)
        negative.setInteger(Int16(-1), at: negative.readerIndex)
        #expect(throws: ConsumerProtocolError.unsupportedVersion(-1)) { try ConsumerProtocolAssignment(decoding: negative) }
        let encoded = subscription(3).encode(version: 3)
        for cut in 0..<encoded.readableBytes {
            #expect(throws: (any Error).self) {
                try ConsumerProtocolSubscription(decoding: encoded.getSlice(at: encoded.readerIndex, length: cut)!)
            }
        }
    }
}

