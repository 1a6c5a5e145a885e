import Testing
@testable import SamsaStreams
import Synchronization

private let strings = Consumed(key: Serdes.string, value: Serdes.string)

/// Builds `body` between topic "in" (String/String) and a driver; returns the driver.
private func run(_ body: (KStream<String, String>) -> Void) throws -> TopologyTestDriver {
    let builder = StreamsBuilder()
    body(builder.stream("in", strings))
    return try TopologyTestDriver(try builder.build())
}

private func pipe(_ driver: TopologyTestDriver, _ records: [(String?, String)]) throws {
    let input = driver.inputTopic("in", key: Serdes.string, value: Serdes.string)
    for (index, record) in records.enumerated() { try input.pipe(record.0, record.1, timestamp: Int64(index)) }
}

@Test func filterAndFilterNotKeepTheMatchingRecords() throws {
    let driver = try run { stream in
        stream.filter { _, value in value.count > 2 }.to("long")
        stream.filterNot { key, _ in key == "a" }.to("not-a")
    }
    try pipe(driver, [("a", "xyz"), ("b", "x"), ("c", "wxyz")])
    #expect(try driver.outputTopic("long", key: Serdes.string, value: Serdes.string).readKeyValues()
        == [KeyValue("a", "xyz"), KeyValue("c", "wxyz")])
    #expect(try driver.outputTopic("not-a", key: Serdes.string, value: Serdes.string).readKeyValues()
        == [KeyValue("b", "x"), KeyValue("c", "wxyz")])
}

@Test func mapMapValuesAndSelectKeyChangeWhatTheySay() throws {
    let driver = try run { stream in
        stream.map { key, value in (value, Int64(key?.count ?? -1)) }.to("mapped", Produced(key: Serdes.string, value: Serdes.long))
        stream.mapValues { $0.uppercased() }.to("upper")
        stream.mapValues(withKey: { key, value in "\(key ?? "null"):\(value)" }).to("keyed")
        stream.selectKey { _, value in value.first.map(String.init) }.to("rekeyed")
    }
    try pipe(driver, [("ab", "hello"), (nil, "world")])
    #expect(try driver.outputTopic("mapped", key: Serdes.string, value: Serdes.long).readKeyValues()
        == [KeyValue("hello", 2), KeyValue("world", -1)])
    #expect(try driver.outputTopic("upper", key: Serdes.string, value: Serdes.string).readKeyValues()
        == [KeyValue("ab", "HELLO"), KeyValue(nil, "WORLD")])
    #expect(try driver.outputTopic("keyed", key: Serdes.string, value: Serdes.string).readValues() == ["ab:hello", "null:world"])
    #expect(try driver.outputTopic("rekeyed", key: Serdes.string, value: Serdes.string).readKeyValues()
        == [KeyValue("h", "hello"), KeyValue("w", "world")])
}

@Test func flatMapAndFlatMapValuesEmitOneRecordPerElement() throws {
    let driver = try run { stream in
        stream.flatMapValues { $0.split(separator: " ").map(String.init) }.to("words")
        stream.flatMap { key, value in value.split(separator: " ").map { (String($0), key ?? "") } }.to("inverted")
    }
    try pipe(driver, [("k", "a b"), ("j", "")])
    let words = try driver.outputTopic("words", key: Serdes.string, value: Serdes.string).readRecords()
    #expect(words == [TestRecord(key: "k", value: "a", timestamp: 0), TestRecord(key: "k", value: "b", timestamp: 0)])
    #expect(try driver.outputTopic("inverted", key: Serdes.string, value: Serdes.string).readKeyValues()
        == [KeyValue("a", "k"), KeyValue("b", "k")])
}

@Test func peekAndForeachSeeEveryRecordAndPeekPassesItOn() throws {
    let peeked = Mutex<[String]>([]), seen = Mutex<[String]>([])
    let driver = try run { stream in
        stream.peek { _, value in peeked.withLock { $0.append(value) } }.to("out")
        stream.foreach { key, value in seen.withLock { $0.append("\(key ?? "-")=\(value)") } }
    }
    try pipe(driver, [("a", "1"), (nil, "2")])
    #expect(peeked.withLock { $0 } == ["1", "2"])
    #expect(seen.withLock { $0 } == ["a=1", "-=2"])
    #expect(try driver.outputTopic("out", key: Serdes.string, value: Serdes.string).readValues() == ["1", "2"])
}

@Test func mergeInterleavesBothStreamsInArrivalOrder() throws {
    let builder = StreamsBuilder()
    let left = builder.stream("left", strings)
    let right = builder.stream("right", strings).mapValues { "r-" + $0 }
    left.merge(right).to("merged")
    let topology = try builder.build()
    #expect(topology.subtopologies.count == 1)
    #expect(topology.subtopologies[0].sourceTopics.sorted() == ["left", "right"])
    let driver = try TopologyTestDriver(topology)
    try driver.inputTopic("left", key: Serdes.string, value: Serdes.string).pipe("a", "1", timestamp: 1)
    try driver.inputTopic("right", key: Serdes.string, value: Serdes.string).pipe("b", "2", timestamp: 2)
    try driver.inputTopic("left", key: Serdes.string, value: Serdes.string).pipe("c", "3", timestamp: 3)
    #expect(try driver.outputTopic("merged", key: Serdes.string, value: Serdes.string).readKeyValues()
        == [KeyValue("a", "1"), KeyValue("b", "r-2"), KeyValue("c", "3")])
}

@Test func splitSendsEachRecordToTheFirstMatchingBranchOrTheDefault() throws {
    let builder = StreamsBuilder()
    let branches = builder.stream("in", strings).split(named: "split-")
        .branch({ _, value in value.hasPrefix("a") }, Branched.as("a"))
        .branch({ _, value in value.hasPrefix("ab") || value.hasPrefix("b") }, Branched.as("b"))
        .defaultBranch(Branched.as("other"))
    #expect(branches.keys.sorted() == ["split-a", "split-b", "split-other"])
    branches["split-a"]?.to("out-a")
    branches["split-b"]?.to("out-b")
    branches["split-other"]?.to("out-other")
    let driver = try TopologyTestDriver(try builder.build())
    try pipe(driver, [("1", "apple"), ("2", "abc"), ("3", "banana"), ("4", "cherry")])
    #expect(try driver.outputTopic("out-a", key: Serdes.string, value: Serdes.string).readValues() == ["apple", "abc"])
    #expect(try driver.outputTopic("out-b", key: Serdes.string, value: Serdes.string).readValues() == ["banana"])
    #expect(try driver.outputTopic("out-other", key: Serdes.string, value: Serdes.string).readValues() == ["cherry"])
}

@Test func splitWithoutNamesUsesKafkasGeneratedBranchNames() throws {
    let builder = StreamsBuilder()
    let branches = builder.stream("in", strings).split()
        .branch { _, value in value == "x" }
        .noDefaultBranch()
    // KSTREAM-SOURCE-0000000000, KSTREAM-BRANCH-0000000001, then the branch "<split name>1".
    #expect(Array(branches.keys) == ["KSTREAM-BRANCH-00000000011"])
}

@Test func explicitRepartitionWritesThroughANamedInternalTopic() throws {
    let builder = StreamsBuilder()
    builder.stream("in", strings).selectKey { _, value in value }.repartition(Repartitioned(name: "by-value", partitions: 4)).to("out")
    let topology = try builder.build()
    #expect(topology.subtopologies.count == 2)
    let topic = try #require(topology.internalTopics.first { $0.name == "by-value-repartition" })
    #expect(topic.kind == .repartition && topic.partitions == 4)
    #expect(topology.subtopologies[1].sourceTopics == ["by-value-repartition"])
    let nodes = topology.description.subtopologies[0].nodes.map(\.name)
    #expect(nodes.contains("by-value-repartition-sink") && nodes.contains("by-value-repartition-filter"))
    #expect(topology.description.subtopologies[1].nodes.first?.name == "by-value-repartition-source")
    let driver = try TopologyTestDriver(topology, applicationId: "app")
    try pipe(driver, [("k", "v1")])
    #expect(try driver.outputTopic("out", key: Serdes.string, value: Serdes.string).readKeyValues() == [KeyValue("v1", "v1")])
    #expect(try driver.outputTopic("app-by-value-repartition", key: Serdes.string, value: Serdes.string).readKeyValues()
        == [KeyValue("v1", "v1")])
}

@Test func namedOperatorsKeepTheUsersNames() throws {
    let builder = StreamsBuilder()
    builder.stream("in", Consumed(key: Serdes.string, value: Serdes.string, name: "reader"))
        .filter(named: "keep-some") { _, _ in true }
        .to("out", Produced(name: "writer"))
    let names = try builder.build().description.subtopologies[0].nodes.map(\.name)
    #expect(names == ["reader", "keep-some", "writer"])
}

@Test func aSinkWithoutSerdesAfterATypeChangeFailsTheBuild() {
    let builder = StreamsBuilder()
    builder.stream("in", strings).mapValues { Int64($0.count) }.to("out")
    #expect(throws: StreamsError.self) { try builder.build() }
}

@Test func twoSourcesOnOneTopicFailTheBuild() {
    let builder = StreamsBuilder()
    _ = builder.stream("in", strings)
    _ = builder.stream("in", strings)
    #expect(throws: StreamsError(.topology, "Invalid topology: Topic in has already been registered by another source.")) { try builder.build() }
}

@Test func tombstonesPassValueKeepingOperatorsAndAreDroppedByKeyChangingOnes() throws {
    let builder = StreamsBuilder()
    let updates = builder.table("t", strings).toStream()
    updates.mapValues { $0.uppercased() }.filter { _, _ in false }.to("kept")
    updates.selectKey { _, value in value }.to("rekeyed")
    let branches = updates.split(named: "s-").branch({ _, _ in true }, Branched.as("all")).defaultBranch(Branched.as("rest"))
    branches["s-rest"]?.to("rest")
    let driver = try TopologyTestDriver(try builder.build())
    let input = driver.inputTopic("t", key: Serdes.string, value: Serdes.string)
    try input.pipe("a", "x", timestamp: 1)
    try input.pipe("a", nil, timestamp: 2)
    #expect(try driver.outputTopic("kept", key: Serdes.string, value: Serdes.string).readKeyValues() == [KeyValue("a", nil)])
    #expect(try driver.outputTopic("rekeyed", key: Serdes.string, value: Serdes.string).readKeyValues() == [KeyValue("x", "x")])
    #expect(try driver.outputTopic("rest", key: Serdes.string, value: Serdes.string).readKeyValues() == [KeyValue("a", nil)])
}

@Test func changeSerdeWritesKafkasChangedSerializerFormat() throws {
    let encode = ChangeSerde.serializer(Serdes.string)
    #expect(try encode(Change(new: "ab", old: nil)) == [97, 98, 1])
    #expect(try encode(Change(new: nil, old: "ab")) == [97, 98, 0])
    // Both: zig-zag varint of the new value's length (2 → 4), new, old, flag 2.
    let both = try encode(Change(new: "ab", old: "c"))
    #expect(both == [4, 97, 98, 99, 2])
    let decoded = try ChangeSerde.deserialize(both, Serdes.string)
    #expect(decoded.new as? String == "ab" && decoded.old as? String == "c")
    #expect(throws: StreamsError.self) { try encode(Change(new: nil, old: nil)) }
}

@Test func illegalNamesFailTheBuildAsKafkasNamedValidateSays() {
    let builder = StreamsBuilder()
    builder.stream("in", strings).filter(named: "no spaces") { _, _ in true }.to("out")
    #expect(throws: StreamsError(.topology, "Invalid topology: Name \"no spaces\" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'")) {
        try builder.build()
    }
    let stores = StreamsBuilder()
    _ = stores.stream("in", strings).groupByKey().count(Materialized.as("a/b"))
    #expect(throws: StreamsError.self) { try stores.build() }
}

@Test func describeListsTopicsAndStoresInJavaHashSetOrderAsKafkaPrintsThem() {
    // What `new HashSet<>(Arrays.asList(...)).toString()` prints on a JVM.
    #expect(JavaHashSetOrder.sorted(["joined-stream-this-join-store", "joined-stream-other-join-store"])
        == ["joined-stream-this-join-store", "joined-stream-other-join-store"])
    #expect(JavaHashSetOrder.sorted(["topic-b", "topic-a", "input", "zeta", "alpha"]) == ["zeta", "input", "alpha", "topic-a", "topic-b"])
    #expect(JavaHashSetOrder.sorted(["KSTREAM-JOINTHIS-0000000004-store", "KSTREAM-JOINOTHER-0000000005-store"])
        == ["KSTREAM-JOINOTHER-0000000005-store", "KSTREAM-JOINTHIS-0000000004-store"])
    let twenty = (0..<20).map { "store-\($0)" }
    #expect(JavaHashSetOrder.sorted(twenty) == ["store-15", "store-16", "store-17", "store-18", "store-19", "store-10", "store-0",
                                                "store-11", "store-1", "store-12", "store-2", "store-13", "store-3", "store-14",
                                                "store-4", "store-5", "store-6", "store-7", "store-8", "store-9"])
}

@Test func twoNodesOfOneNameFailTheBuild() {
    let builder = StreamsBuilder()
    let stream = builder.stream("in", strings)
    _ = stream.filter(named: "same") { _, _ in true }
    _ = stream.mapValues(named: "same") { $0 }
    #expect(throws: StreamsError(.topology, "Invalid topology: Processor same is already added.")) { try builder.build() }
}
