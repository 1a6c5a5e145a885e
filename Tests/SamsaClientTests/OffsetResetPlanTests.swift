import SamsaProtocol
import Testing
@testable import SamsaClient

@Suite struct OffsetResetPlanTests {
    let a = TopicPartition("t", 0), b = TopicPartition("t", 1)
    var log: OffsetResetPlan.LogOffsets { .init(earliest: [a: 10, b: 0], latest: [a: 50, b: 5], atTime: [a: 20, b: -1]) }

    @Test func scenarios() throws {
        let committed: [TopicPartition: Int64] = [a: 30, b: 4]
        func plan(_ scenario: OffsetResetScenario) throws -> [TopicPartition: Int64] {
            try OffsetResetPlan.newOffsets(scenario, partitions: [a, b], log: log, committed: committed)
        }
        #expect(try plan(.earliest) == [a: 10, b: 0])
        #expect(try plan(.latest) == [a: 50, b: 5])
        #expect(try plan(.offset(3)) == [a: 10, b: 3], "clamped up to the earliest offset")
        #expect(try plan(.offset(99)) == [a: 50, b: 5], "clamped down to the latest offset")
        #expect(try plan(.shiftBy(-25)) == [a: 10, b: 0])
        #expect(try plan(.shiftBy(3)) == [a: 33, b: 5])
        #expect(try plan(.datetime(0)) == [a: 20, b: 5], "no record after the time: the latest offset")
        #expect(throws: ClientError.self) { try OffsetResetPlan.newOffsets(.shiftBy(1), partitions: [a], log: log, committed: [:]) }
    }

    @Test func topicArguments() throws {
        #expect(try OffsetResetPlan.parseTopic("orders") == ("orders", nil))
        #expect(try OffsetResetPlan.parseTopic("orders:0,2") == ("orders", [0, 2]))
        for bad in ["", ":1", "orders:", "orders:x", "orders:1:2", "orders:-1"] {
            #expect(throws: ClientError.self, "\(bad)") { try OffsetResetPlan.parseTopic(bad) }
        }
    }

    @Test func datetimesAsKafkaReadsThem() throws {
        #expect(try OffsetResetPlan.parseDateTime("1970-01-01T00:00:00.000") == 0)
        #expect(try OffsetResetPlan.parseDateTime("2024-02-29T12:00:00.001Z") == 1_709_208_000_001)
        #expect(try OffsetResetPlan.parseDateTime("2024-02-29T12:00:00.001+02:00") == 1_709_208_000_001 - 7_200_000)
        #expect(try OffsetResetPlan.parseDateTime("2024-02-29T12:00:00.001-0130") == 1_709_208_000_001 + 5_400_000)
        for bad in ["2024-02-30T00:00:00.000", "2024-01-01 00:00:00.000", "2024-01-01T00:00:00", "2024-01-01T25:00:00.000",
                    "2024-01-01T00:00:00.000+2"] {
            #expect(throws: ClientError.self, "\(bad)") { try OffsetResetPlan.parseDateTime(bad) }
        }
    }
}
