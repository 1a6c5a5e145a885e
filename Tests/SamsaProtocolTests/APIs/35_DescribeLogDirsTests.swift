import Testing
@testable import SamsaProtocol

@Suite struct DescribeLogDirsTests {
    let request = DescribeLogDirsRequest(topics: [.init(topic: "orders", partitions: [0, 1])])
    func response(_ version: Int16) -> DescribeLogDirsResponse {
        DescribeLogDirsResponse(results: [.init(logDir: "/tmp/samsa/broker-0", topics: [
            .init(name: "orders", partitions: [.init(partitionIndex: 0, partitionSize: 1234)])],
            totalBytes: version >= 4 ? 1_000_000 : -1, usableBytes: version >= 4 ? 500_000 : -1)])
    }

    @Test func roundTripsEveryVersion() throws {
        try CodecChecks.roundTrip(request, versions: DescribeLogDirsRequest.versions, flexibleFrom: 2)
        try CodecChecks.roundTrip(DescribeLogDirsRequest(topics: nil), versions: DescribeLogDirsRequest.versions, flexibleFrom: 2)
        for version in DescribeLogDirsRequest.versions {
            var answer = response(version)
            if version >= 3 { answer.errorCode = .clusterAuthorizationFailed }
            try CodecChecks.roundTrip(answer, versions: version...version, flexibleFrom: 2)
        }
    }

    @Test func matchesKafkaPython() throws {
        try CodecChecks.matchesEach(KafkaPythonFixtures.describeLogDirsRequest, versions: 1...4, flexibleFrom: 2) { _ in request }
        try CodecChecks.matchesEach(KafkaPythonFixtures.describeLogDirsAllRequest, versions: 1...4, flexibleFrom: 2) { _ in
            DescribeLogDirsRequest(topics: nil)
        }
        try CodecChecks.matchesEach(KafkaPythonFixtures.describeLogDirsResponse, versions: 1...4, flexibleFrom: 2) { response($0) }
    }

    @Test func nullTopicsMeansEveryPartition() throws {
        var writer = KafkaWriter(flexible: false)
        DescribeLogDirsRequest(topics: nil).write(to: &writer, version: 0)
        var reader = KafkaReader(writer.buffer, flexible: false)
        #expect(try DescribeLogDirsRequest(from: &reader, version: 0).topics == nil)
    }
}
