import Testing
@testable import SamsaStreams

/// `describe()` of windowed and join topologies, against the text Kafka's own TopologyTest expects.
@Suite struct JoinDescribeTests {
    @Test func streamStreamJoinDescribesAsKafka() throws {
        let builder = StreamsBuilder()
        _ = builder.stream("input-topic1", windowStrings)
            .join(builder.stream("input-topic2", windowStrings), windows: try JoinWindows.ofTimeDifferenceWithNoGrace(.milliseconds(100))) { $0 + $1 }
        #expect(try builder.build().description.description == """
            Topologies:
               Sub-topology: 0
                Source: KSTREAM-SOURCE-0000000000 (topics: [input-topic1])
                  --> KSTREAM-WINDOWED-0000000002
                Source: KSTREAM-SOURCE-0000000001 (topics: [input-topic2])
                  --> KSTREAM-WINDOWED-0000000003
                Processor: KSTREAM-WINDOWED-0000000002 (stores: [KSTREAM-JOINTHIS-0000000004-store])
                  --> KSTREAM-JOINTHIS-0000000004
                  <-- KSTREAM-SOURCE-0000000000
                Processor: KSTREAM-WINDOWED-0000000003 (stores: [KSTREAM-JOINOTHER-0000000005-store])
                  --> KSTREAM-JOINOTHER-0000000005
                  <-- KSTREAM-SOURCE-0000000001
                Processor: KSTREAM-JOINOTHER-0000000005 (stores: [KSTREAM-JOINTHIS-0000000004-store])
                  --> KSTREAM-MERGE-0000000006
                  <-- KSTREAM-WINDOWED-0000000003
                Processor: KSTREAM-JOINTHIS-0000000004 (stores: [KSTREAM-JOINOTHER-0000000005-store])
                  --> KSTREAM-MERGE-0000000006
                  <-- KSTREAM-WINDOWED-0000000002
                Processor: KSTREAM-MERGE-0000000006 (stores: [])
                  --> none
                  <-- KSTREAM-JOINTHIS-0000000004, KSTREAM-JOINOTHER-0000000005


            """)
    }

    @Test func leftJoinDescribesTheSharedOuterStore() throws {
        let builder = StreamsBuilder()
        _ = builder.stream("input-topic1", windowStrings)
            .leftJoin(builder.stream("input-topic2", windowStrings), windows: try JoinWindows.ofTimeDifferenceWithNoGrace(.milliseconds(100))) { l, r in l + (r ?? "") }
        let text = try builder.build().description.description
        #expect(text.contains("""
                Processor: KSTREAM-JOINTHIS-0000000004 (stores: [KSTREAM-OUTEROTHER-0000000005-store, KSTREAM-OUTERSHARED-0000000004-store])
                  --> KSTREAM-MERGE-0000000006
                  <-- KSTREAM-WINDOWED-0000000002
                Processor: KSTREAM-OUTEROTHER-0000000005 (stores: [KSTREAM-JOINTHIS-0000000004-store, KSTREAM-OUTERSHARED-0000000004-store])
                  --> KSTREAM-MERGE-0000000006
                  <-- KSTREAM-WINDOWED-0000000003
            """))
    }

    @Test func windowedCountsDescribeAsKafka() throws {
        for windowed in [0, 1, 2] {
            let builder = StreamsBuilder()
            let grouped = builder.stream("input-topic", windowStrings).groupByKey()
            switch windowed {
            case 0: _ = grouped.windowedBy(try TimeWindows.ofSizeWithNoGrace(.milliseconds(1))).count()
            case 1: _ = grouped.windowedBy(try SlidingWindows.ofTimeDifferenceWithNoGrace(.milliseconds(1))).count()
            default: _ = grouped.windowedBy(try SessionWindows.ofInactivityGapWithNoGrace(.milliseconds(1))).count()
            }
            #expect(try builder.build().description.description == """
                Topologies:
                   Sub-topology: 0
                    Source: KSTREAM-SOURCE-0000000000 (topics: [input-topic])
                      --> KSTREAM-AGGREGATE-0000000002
                    Processor: KSTREAM-AGGREGATE-0000000002 (stores: [KSTREAM-AGGREGATE-STATE-STORE-0000000001])
                      --> none
                      <-- KSTREAM-SOURCE-0000000000


                """)
        }
    }
}
