import Testing
@testable import SamsaStreams

private let strings = Consumed(key: Serdes.string, value: Serdes.string)

@Test func tableKeepsTheLatestValueAndTombstonesDelete() throws {
    let builder = StreamsBuilder()
    builder.table("users", strings, Materialized.as("users-store")).toStream().to("out")
    let topology = try builder.build()
    #expect(topology.internalTopics.map(\.name) == ["users-store-changelog"])
    let driver = try TopologyTestDriver(topology)
    let input = driver.inputTopic("users", key: Serdes.string, value: Serdes.string)
    try input.pipe("alice", "paris", timestamp: 1)
    try input.pipe("bob", "rome", timestamp: 2)
    try input.pipe("alice", "oslo", timestamp: 3)
    try input.pipe("bob", nil, timestamp: 4)
    let store = try #require(driver.keyValueStore("users-store"))
    #expect(try store.all().map { String(decoding: $0.key, as: UTF8.self) } == ["alice"])
    #expect(try store.get(Array("alice".utf8)) == Array("oslo".utf8))
    #expect(try driver.outputTopic("out", key: Serdes.string, value: Serdes.string).readKeyValues()
        == [KeyValue("alice", "paris"), KeyValue("bob", "rome"), KeyValue("alice", "oslo"), KeyValue("bob", nil)])
}

@Test func unmaterializedTableSourceDescribesWithoutAStore() throws {
    let builder = StreamsBuilder()
    builder.table("t", strings).toStream().to("out")
    let description = try builder.build().description
    // Kafka burns index 0 for the store name, then names the source 1 and the table source 2.
    #expect(description.subtopologies[0].nodes.map(\.name) == ["KSTREAM-SOURCE-0000000001", "KTABLE-SOURCE-0000000002",
                                                               "KTABLE-TOSTREAM-0000000003", "KSTREAM-SINK-0000000004"])
    #expect(description.subtopologies[0].nodes[1].kind == .processor(stores: []))
}

@Test func tableFilterAndMapValuesForwardDeletes() throws {
    let builder = StreamsBuilder()
    let table = builder.table("t", strings)
    table.filter { _, value in value.count > 1 }.toStream().to("filtered")
    table.mapValues { _, value in Int64(value.count) }.toStream().to("lengths", Produced(value: Serdes.long))
    let driver = try TopologyTestDriver(try builder.build())
    let input = driver.inputTopic("t", key: Serdes.string, value: Serdes.string)
    try input.pipe("a", "xx", timestamp: 1)
    try input.pipe("a", "y", timestamp: 2)
    try input.pipe("b", nil, timestamp: 3)
    // Without old values Kafka forwards a filtered-out update as a delete.
    #expect(try driver.outputTopic("filtered", key: Serdes.string, value: Serdes.string).readKeyValues()
        == [KeyValue("a", "xx"), KeyValue("a", nil), KeyValue("b", nil)])
    #expect(try driver.outputTopic("lengths", key: Serdes.string, value: Serdes.long).readKeyValues()
        == [KeyValue("a", 2), KeyValue("a", 1), KeyValue("b", nil)])
}

@Test func materializedTableFilterStoresItsResult() throws {
    let builder = StreamsBuilder()
    _ = builder.table("t", strings).filter(Materialized.as("long-values")) { _, value in value.count > 1 }
    let driver = try TopologyTestDriver(try builder.build())
    let input = driver.inputTopic("t", key: Serdes.string, value: Serdes.string)
    try input.pipe("a", "xx", timestamp: 1)
    try input.pipe("b", "y", timestamp: 2)
    try input.pipe("a", "z", timestamp: 3)
    #expect(try driver.keyValueStore("long-values")?.all().isEmpty == true)
    try input.pipe("c", "long", timestamp: 4)
    #expect(try driver.keyValueStore("long-values")?.get(Array("c".utf8)) == Array("long".utf8))
}

@Test func groupedTableSubtractsTheOldRowAndAddsTheNew() throws {
    // Users by region: a user moving region leaves the old count and joins the new one.
    let builder = StreamsBuilder()
    builder.table("user-regions", strings)
        .groupBy { user, region in (region, user) }
        .count(Materialized.as("region-counts"))
        .toStream().to("region-counts-out", Produced(value: Serdes.long))
    let topology = try builder.build()
    #expect(topology.subtopologies.count == 2)
    #expect(topology.internalTopics.map(\.name).sorted() == ["region-counts-changelog", "region-counts-repartition",
                                                              "user-regions-STATE-STORE-0000000000-changelog"])
    let driver = try TopologyTestDriver(topology, applicationId: "app")
    let input = driver.inputTopic("user-regions", key: Serdes.string, value: Serdes.string)
    try input.pipe("alice", "asia", timestamp: 1)
    try input.pipe("bob", "europe", timestamp: 2)
    try input.pipe("alice", "europe", timestamp: 3)
    try input.pipe("bob", nil, timestamp: 4)
    #expect(try driver.outputTopic("region-counts-out", key: Serdes.string, value: Serdes.long).readKeyValues() == [
        KeyValue("asia", 1), KeyValue("europe", 1), KeyValue("asia", 0), KeyValue("europe", 2), KeyValue("europe", 1),
    ])
    // The repartition topic carries Kafka's Change encoding: {old}{0} for a subtraction, {new}{1} for an addition.
    let repartition = try driver.outputTopic("app-region-counts-repartition", key: Serdes.string, value: Serdes.bytes).readKeyValues()
    #expect(repartition[2] == KeyValue("asia", Array("alice".utf8) + [0]))
    #expect(repartition[3] == KeyValue("europe", Array("alice".utf8) + [1]))
}

@Test func groupedTableReduceAndAggregateUseAdderAndSubtractor() throws {
    let builder = StreamsBuilder()
    let grouped = builder.table("scores", Consumed(key: Serdes.string, value: Serdes.long))
        .groupBy(Grouped(name: "by-team")) { player, score in (String(player.prefix(1)), score) }
    grouped.reduce(Materialized.as("team-sum"), adder: { $0 + $1 }, subtractor: { $0 - $1 })
        .toStream().to("sums")
    grouped.aggregate(Materialized.as("team-max-seen", value: Serdes.long), initializer: { 0 },
                      adder: { _, score, agg in max(agg, score) }, subtractor: { _, _, agg in agg })
        .toStream().to("maxes", Produced(value: Serdes.long))
    let topology = try builder.build()
    #expect(topology.internalTopics.filter { $0.kind == .repartition }.map(\.name) == ["by-team-repartition"])
    let driver = try TopologyTestDriver(topology)
    let input = driver.inputTopic("scores", key: Serdes.string, value: Serdes.long)
    try input.pipe("a1", 10, timestamp: 1)
    try input.pipe("a2", 5, timestamp: 2)
    try input.pipe("a1", 7, timestamp: 3)
    #expect(try driver.outputTopic("sums", key: Serdes.string, value: Serdes.long).readValues() == [10, 15, 5, 12])
    #expect(try driver.outputTopic("maxes", key: Serdes.string, value: Serdes.long).readValues() == [10, 10, 10, 10])
}

@Test func globalTableIsKeptByTheGlobalTaskAndDescribedAsKafkaDoes() throws {
    let builder = StreamsBuilder()
    _ = builder.globalTable("countries", strings, Materialized.as("countries-store"))
    builder.stream("in", strings).to("out")
    let topology = try builder.build()
    #expect(topology.globalStores.map(\.topic) == ["countries"])
    #expect(topology.globalStores.first?.store.loggingEnabled == false)
    #expect(topology.internalTopics.isEmpty)
    #expect(topology.subtopologies.map(\.id) == [1])
    #expect(topology.description.description == """
        Topologies:
           Sub-topology: 0 for global store (will not generate tasks)
            Source: KSTREAM-SOURCE-0000000000 (topics: [countries])
              --> KTABLE-SOURCE-0000000001
            Processor: KTABLE-SOURCE-0000000001 (stores: [countries-store])
              --> none
              <-- KSTREAM-SOURCE-0000000000
          Sub-topology: 1
            Source: KSTREAM-SOURCE-0000000002 (topics: [in])
              --> KSTREAM-SINK-0000000003
            Sink: KSTREAM-SINK-0000000003 (topic: out)
              <-- KSTREAM-SOURCE-0000000002


        """)
    let driver = try TopologyTestDriver(topology)
    try driver.inputTopic("countries", key: Serdes.string, value: Serdes.string).pipe("fr", "France", timestamp: 1)
    #expect(try driver.keyValueStore("countries-store")?.get(Array("fr".utf8)) == Array("France".utf8))
}

@Test func streamToTableKeepsTheLatestValuePerKeyAfterARepartition() throws {
    let builder = StreamsBuilder()
    builder.stream("in", strings).selectKey { _, value in String(value.prefix(1)) }
        .toTable(Materialized.as("latest")).toStream().to("out")
    let topology = try builder.build()
    // source 0, key-select 1, to-table 2 (its store name is given), repartition sink 3 / filter 4 / source 5.
    #expect(topology.internalTopics.map(\.name).sorted() == ["KSTREAM-TOTABLE-0000000002-repartition", "latest-changelog"])
    #expect(topology.description.subtopologies[1].nodes.map(\.name).prefix(2) == ["KSTREAM-SOURCE-0000000005", "KSTREAM-TOTABLE-0000000002"])
    let driver = try TopologyTestDriver(topology)
    let input = driver.inputTopic("in", key: Serdes.string, value: Serdes.string)
    try input.pipe(nil, "apple", timestamp: 1)
    try input.pipe(nil, "avocado", timestamp: 2)
    #expect(try driver.keyValueStore("latest")?.get(Array("a".utf8)) == Array("avocado".utf8))
    #expect(try driver.outputTopic("out", key: Serdes.string, value: Serdes.string).readKeyValues()
        == [KeyValue("a", "apple"), KeyValue("a", "avocado")])
}
