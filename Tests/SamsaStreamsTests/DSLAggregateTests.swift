import Testing
@testable import SamsaStreams

private let strings = Consumed(key: Serdes.string, value: Serdes.string)

@Test func groupByKeyCountReduceAndAggregateFoldPerKey() throws {
    let builder = StreamsBuilder()
    let grouped = builder.stream("in", strings).groupByKey()
    grouped.count(Materialized.as("counts")).toStream().to("counts-out", Produced(value: Serdes.long))
    grouped.reduce(Materialized.as("joined")) { $0 + "," + $1 }.toStream().to("reduced")
    grouped.aggregate(Materialized.as("lengths", value: Serdes.long), initializer: { 100 },
                      aggregator: { _, value, total in total + Int64(value.count) })
        .toStream().to("lengths-out", Produced(value: Serdes.long))
    let topology = try builder.build()
    // No key change: no repartition, one subtopology.
    #expect(topology.subtopologies.count == 1)
    #expect(topology.internalTopics.map(\.name).sorted() == ["counts-changelog", "joined-changelog", "lengths-changelog"])
    let driver = try TopologyTestDriver(topology)
    let input = driver.inputTopic("in", key: Serdes.string, value: Serdes.string)
    try input.pipe("a", "x", timestamp: 1)
    try input.pipe("b", "yy", timestamp: 2)
    try input.pipe("a", "zzz", timestamp: 3)
    #expect(try driver.outputTopic("counts-out", key: Serdes.string, value: Serdes.long).readKeyValues()
        == [KeyValue("a", 1), KeyValue("b", 1), KeyValue("a", 2)])
    #expect(try driver.outputTopic("reduced", key: Serdes.string, value: Serdes.string).readValues() == ["x", "yy", "x,zzz"])
    #expect(try driver.outputTopic("lengths-out", key: Serdes.string, value: Serdes.long).readValues() == [101, 102, 104])
    #expect(try driver.keyValueStore("joined")?.get(Array("a".utf8)) == Array("x,zzz".utf8))
}

@Test func aggregationsDropAndCountNullKeysAndNullValues() throws {
    let builder = StreamsBuilder()
    builder.stream("in", strings).groupByKey().count().toStream().to("out", Produced(value: Serdes.long))
    let driver = try TopologyTestDriver(try builder.build())
    let input = driver.inputTopic("in", key: Serdes.string, value: Serdes.string)
    try input.pipe(nil, "no key", timestamp: 1)
    try input.pipe("k", nil, timestamp: 2)
    try input.pipe("k", "v", timestamp: 3)
    #expect(try driver.outputTopic("out", key: Serdes.string, value: Serdes.long).readKeyValues() == [KeyValue("k", 1)])
    #expect(driver.droppedRecords[.nullKey] == 1)
    #expect(driver.droppedRecords[.nullValue] == 1)
}

@Test func unnamedAggregationsGetKafkasGeneratedNames() throws {
    let builder = StreamsBuilder()
    builder.stream("in", strings).groupBy { _, value in value }.count().toStream().to("out", Produced(value: Serdes.long))
    let topology = try builder.build()
    // source 0, key-select 1, store 2, aggregate 3, repartition sink 4 / filter 5 / source 6, to-stream 7, sink 8.
    let store = "KSTREAM-AGGREGATE-STATE-STORE-0000000002"
    #expect(topology.internalTopics.map(\.name).sorted() == ["\(store)-changelog", "\(store)-repartition"])
    let second = topology.description.subtopologies[1].nodes
    #expect(second.map(\.name) == ["KSTREAM-SOURCE-0000000006", "KSTREAM-AGGREGATE-0000000003",
                                   "KTABLE-TOSTREAM-0000000007", "KSTREAM-SINK-0000000008"])
    #expect(second[1].kind == .processor(stores: [store]))
}

@Test func groupedNameNamesTheRepartitionTopicAndIsSharedByAggregations() throws {
    let builder = StreamsBuilder()
    let grouped = builder.stream("in", strings).groupBy(Grouped(name: "by-word")) { _, value in value }
    grouped.count(Materialized.as("word-counts")).toStream().to("a", Produced(value: Serdes.long))
    grouped.reduce(Materialized.as("word-last")) { _, new in new }.toStream().to("b")
    let topology = try builder.build()
    #expect(topology.internalTopics.filter { $0.kind == .repartition }.map(\.name) == ["by-word-repartition"])
    #expect(topology.subtopologies.count == 2)
    #expect(Set(topology.subtopologies[1].stores.map(\.name)) == ["word-counts", "word-last"])
    let driver = try TopologyTestDriver(topology, applicationId: "app")
    try driver.inputTopic("in", key: Serdes.string, value: Serdes.string).pipe(nil, "hi", timestamp: 1)
    #expect(try driver.outputTopic("a", key: Serdes.string, value: Serdes.long).readKeyValues() == [KeyValue("hi", 1)])
    #expect(try driver.outputTopic("app-by-word-repartition", key: Serdes.string, value: Serdes.string).readKeyValues()
        == [KeyValue("hi", "hi")])
}

@Test func materializedOptionsReachTheStoreSpecAndChangelog() throws {
    let builder = StreamsBuilder()
    let grouped = builder.stream("in", strings).groupByKey()
    _ = grouped.count(Materialized.as("quiet").withLoggingDisabled().inMemory())
    _ = grouped.count(Materialized<String, Int64>.as("tuned").withLoggingEnabled(["min.insync.replicas": "2"]))
    let topology = try builder.build()
    let stores = Dictionary(uniqueKeysWithValues: topology.subtopologies[0].stores.map { ($0.name, $0) })
    #expect(stores["quiet"]?.loggingEnabled == false && stores["quiet"]?.persistent == false)
    #expect(stores["tuned"]?.loggingEnabled == true && stores["tuned"]?.persistent == true)
    #expect(topology.internalTopics.map(\.name) == ["tuned-changelog"])
    #expect(topology.internalTopics[0].configs == ["cleanup.policy": "compact", "min.insync.replicas": "2", "message.timestamp.type": "CreateTime"])
}

@Test func aKeyChangeBeforeGroupByKeyRepartitions() throws {
    let builder = StreamsBuilder()
    builder.stream("in", strings).selectKey { _, value in value }.groupByKey()
        .count(Materialized.as("c")).toStream().to("out", Produced(value: Serdes.long))
    let topology = try builder.build()
    #expect(topology.subtopologies.map(\.sourceTopics) == [["in"], ["c-repartition"]])
}
