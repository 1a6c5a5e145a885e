import Testing
@testable import SamsaStreams

/// Joins built with the DSL and run through the TopologyTestDriver, against Kafka's documented tables
/// (docs/streams/developer-guide/dsl-api.html) and Kafka's node, store and topic names.
@Suite struct JoinDSLTests {
    private static func show(_ l: String?, _ r: String?) -> String { "[\(l ?? "null"), \(r ?? "null")]" }

    private func streamStream(_ kind: JoinKind) throws -> (Topology, [String]) {
        let builder = StreamsBuilder()
        let left = builder.stream("left", windowStrings), right = builder.stream("right", windowStrings)
        let windows = try JoinWindows.ofTimeDifferenceAndGrace(.milliseconds(15), grace: .milliseconds(5))
        let joined: KStream<String, String>
        switch kind {
        case .inner: joined = left.join(right, windows: windows) { Self.show($0, $1) }
        case .left: joined = left.leftJoin(right, windows: windows) { Self.show($0, $1) }
        case .outer: joined = left.outerJoin(right, windows: windows) { Self.show($0, $1) }
        }
        joined.to("out", Produced(key: Serdes.string, value: Serdes.string))
        let topology = try builder.build()
        let driver = try TestStores().driver(topology)
        let inputs = (driver.inputTopic("left", key: Serdes.string, value: Serdes.string),
                      driver.inputTopic("right", key: Serdes.string, value: Serdes.string))
        for (ts, isLeft, value) in JoinProcessorTests.rows {
            try (isLeft ? inputs.0 : inputs.1).pipe("k", value, timestamp: ts)
        }
        let out = try driver.outputTopic("out", key: Serdes.string, value: Serdes.string).readRecords()
        return (topology, out.map { "\($0.value!)@\($0.timestamp)" })
    }

    private static let innerResults = [
        "[A, a]@4", "[B, a]@5", "[A, b]@6", "[B, b]@6", "[C, a]@9", "[C, b]@9", "[A, c]@10", "[B, c]@10", "[C, c]@10",
        "[A, d]@14", "[B, d]@14", "[C, d]@14", "[D, a]@15", "[D, b]@15", "[D, c]@15", "[D, d]@15",
    ]

    @Test func innerStreamStreamJoinNamesAndResults() throws {
        let (topology, results) = try streamStream(.inner)
        #expect(results == Self.innerResults)
        let nodes = topology.description.subtopologies[0].nodes
        let join = try #require(nodes.first { $0.name == "KSTREAM-JOINTHIS-0000000004" })
        #expect(join.kind == .processor(stores: ["KSTREAM-JOINOTHER-0000000005-store"]))
        #expect(nodes.contains { $0.name == "KSTREAM-WINDOWED-0000000002" && $0.kind == .processor(stores: ["KSTREAM-JOINTHIS-0000000004-store"]) })
        #expect(nodes.contains { $0.name == "KSTREAM-MERGE-0000000006" })
        #expect(Set(topology.internalTopics.map(\.name)) == ["KSTREAM-JOINTHIS-0000000004-store-changelog", "KSTREAM-JOINOTHER-0000000005-store-changelog"])
        #expect(topology.subtopologies[0].copartitionGroups == [["left", "right"]])
        #expect(topology.subtopologies[0].stores.first { $0.name == "KSTREAM-JOINTHIS-0000000004-store" }?.kind
            == .window(sizeMs: 30, retentionMs: 35, retainDuplicates: true))
    }

    @Test func leftStreamStreamJoinUsesTheSharedOuterStore() throws {
        let (topology, results) = try streamStream(.left)
        #expect(results == Self.innerResults + ["[E, null]@40", "[F, null]@61"])
        #expect(Set(topology.internalTopics.map(\.name)) == [
            "KSTREAM-JOINTHIS-0000000004-store-changelog", "KSTREAM-OUTEROTHER-0000000005-store-changelog",
            "KSTREAM-OUTERSHARED-0000000004-store-changelog",
        ])
    }

    @Test func outerStreamStreamJoinEmitsBothSidesOnceClosed() throws {
        let (topology, results) = try streamStream(.outer)
        #expect(results == Self.innerResults + ["[E, null]@40", "[F, null]@61", "[null, f]@82"])
        #expect(topology.description.subtopologies[0].nodes.contains { $0.name == "KSTREAM-OUTERTHIS-0000000004" })
        #expect(topology.internalTopics.map(\.name).contains("KSTREAM-OUTERSHARED-0000000004-store-changelog"))
    }

    @Test func streamJoinedNamesTheNodesAndStores() throws {
        let builder = StreamsBuilder()
        builder.stream("left", windowStrings)
            .leftJoin(builder.stream("right", windowStrings), windows: try JoinWindows.ofTimeDifferenceWithNoGrace(.seconds(1)),
                      StreamJoined(name: "j", storeName: "s")) { Self.show($0, $1) }
            .to("out")
        let topology = try builder.build()
        let names = topology.description.subtopologies[0].nodes.map(\.name)
        #expect(names.contains("j-this-windowed") && names.contains("j-this-join") && names.contains("j-outer-other-join") && names.contains("j-merge"))
        #expect(Set(topology.internalTopics.map(\.name)) == ["s-this-join-store-changelog", "s-outer-other-join-store-changelog",
                                                            "s-left-shared-join-store-changelog"])
    }

    @Test func streamTableJoinsFollowKafkasTable() throws {
        for leftJoin in [false, true] {
            let builder = StreamsBuilder()
            let stream = builder.stream("orders", windowStrings), table = builder.table("users", windowStrings)
            let joined = leftJoin ? stream.leftJoin(table) { Self.show($0, $1) } : stream.join(table) { Self.show($0, $1) }
            joined.to("out", Produced(key: Serdes.string, value: Serdes.string))
            let topology = try builder.build()
            #expect(topology.subtopologies[0].copartitionGroups == [["orders", "users"]])
            let driver = try TestStores().driver(topology)
            let orders = driver.inputTopic("orders", key: Serdes.string, value: Serdes.string)
            let users = driver.inputTopic("users", key: Serdes.string, value: Serdes.string)
            let rows: [(Int64, Bool, String?)] = [
                (1, true, nil), (2, false, nil), (3, true, "A"), (4, false, "a"), (5, true, "B"), (6, false, "b"),
                (7, true, nil), (8, false, nil), (9, true, "C"), (10, false, "c"), (11, false, nil), (12, true, nil), (13, false, nil),
            ]
            for (ts, isStream, value) in rows { try (isStream ? orders : users).pipe("k", value, timestamp: ts) }
            let out = try driver.outputTopic("out", key: Serdes.string, value: Serdes.string).readRecords().map { "\($0.value!)@\($0.timestamp)" }
            #expect(out == (leftJoin ? ["[A, null]@3", "[B, a]@5", "[C, null]@9"] : ["[B, a]@5"]))
        }
    }

    @Test func aChangedKeyIsRepartitionedBeforeAStreamTableJoin() throws {
        let builder = StreamsBuilder()
        builder.stream("orders", windowStrings).selectKey { _, user in user }
            .join(builder.table("users", windowStrings)) { order, user in "\(order) by \(user)" }
            .to("out")
        let topology = try builder.build()
        let repartition = try #require(topology.internalTopics.first { $0.kind == .repartition })
        #expect(topology.subtopologies.count == 2)
        #expect(topology.subtopologies[1].copartitionGroups == [[repartition.name, "users"].sorted()])
        let driver = try TestStores().driver(topology)
        try driver.inputTopic("users", key: Serdes.string, value: Serdes.string).pipe("u1", "Ann", timestamp: 1)
        try driver.inputTopic("orders", key: Serdes.string, value: Serdes.string).pipe("o1", "u1", timestamp: 2)
        #expect(try driver.outputTopic("out", key: Serdes.string, value: Serdes.string).readKeyValues() == [KeyValue("u1", "u1 by Ann")])
    }

    @Test func aChangedKeyIsRepartitionedBeforeAStreamStreamJoin() throws {
        let builder = StreamsBuilder()
        builder.stream("left", windowStrings).selectKey { _, value in value }
            .join(builder.stream("right", windowStrings), windows: try JoinWindows.ofTimeDifferenceWithNoGrace(.milliseconds(10))) { "\($0)+\($1)" }
            .to("out")
        let topology = try builder.build()
        let repartition = try #require(topology.internalTopics.first { $0.kind == .repartition })
        #expect(repartition.name == "KSTREAM-KEY-SELECT-0000000001-repartition")  // source 0, selectKey 1
        let joinSub = try #require(topology.subtopologies.first { $0.sourceTopics.contains("right") })
        #expect(joinSub.copartitionGroups == [[repartition.name, "right"].sorted()])
        let driver = try TestStores().driver(topology)
        try driver.inputTopic("left", key: Serdes.string, value: Serdes.string).pipe("x", "k", timestamp: 5)
        try driver.inputTopic("right", key: Serdes.string, value: Serdes.string).pipe("k", "r", timestamp: 8)
        #expect(try driver.outputTopic("out", key: Serdes.string, value: Serdes.string).readKeyValues() == [KeyValue("k", "k+r")])
    }

    @Test func globalTableJoinLooksUpTheSelectedKey() throws {
        let builder = StreamsBuilder()
        let users = builder.globalTable("users", windowStrings)
        let orders = builder.stream("orders", windowStrings)
        orders.join(users, keySelector: { _, user in user }) { order, name in "\(order):\(name)" }.to("inner")
        orders.leftJoin(users, keySelector: { _, user in user }) { order, name in "\(order):\(name ?? "?")" }.to("left")
        let driver = try TestStores().driver(try builder.build())
        try driver.inputTopic("users", key: Serdes.string, value: Serdes.string).pipe("u1", "Ann", timestamp: 1)
        let input = driver.inputTopic("orders", key: Serdes.string, value: Serdes.string)
        try input.pipe("o1", "u1", timestamp: 2)
        try input.pipe("o2", "u9", timestamp: 3)
        #expect(try driver.outputTopic("inner", key: Serdes.string, value: Serdes.string).readKeyValues() == [KeyValue("o1", "u1:Ann")])
        #expect(try driver.outputTopic("left", key: Serdes.string, value: Serdes.string).readKeyValues()
            == [KeyValue("o1", "u1:Ann"), KeyValue("o2", "u9:?")])
    }

    @Test func tableTableJoinsFollowKafkasTable() throws {
        let expected: [JoinKind: [String]] = [
            .inner: ["[A, a]@4", "[B, a]@5", "[B, b]@6", "null@7", "[C, c]@10", "null@11", "[D, d]@15"],
            .left: ["[A, null]@3", "[A, a]@4", "[B, a]@5", "[B, b]@6", "null@7", "[C, null]@9", "[C, c]@10", "[C, null]@11",
                    "null@12", "[D, d]@15"],
            .outer: ["[A, null]@3", "[A, a]@4", "[B, a]@5", "[B, b]@6", "[null, b]@7", "null@8", "[C, null]@9", "[C, c]@10",
                     "[C, null]@11", "null@12", "[null, d]@14", "[D, d]@15"],
        ]
        for (kind, results) in expected {
            let builder = StreamsBuilder()
            let left = builder.table("L", windowStrings), right = builder.table("R", windowStrings)
            let joined: KTable<String, String>
            switch kind {
            case .inner: joined = left.join(right) { Self.show($0, $1) }
            case .left: joined = left.leftJoin(right) { Self.show($0, $1) }
            case .outer: joined = left.outerJoin(right) { Self.show($0, $1) }
            }
            joined.toStream().to("out", Produced(key: Serdes.string, value: Serdes.string))
            let topology = try builder.build()
            #expect(topology.subtopologies[0].copartitionGroups == [["L", "R"]])
            let driver = try TestStores().driver(topology)
            let inputs = (driver.inputTopic("L", key: Serdes.string, value: Serdes.string),
                          driver.inputTopic("R", key: Serdes.string, value: Serdes.string))
            let rows: [(Int64, Bool, String?)] = [
                (1, true, nil), (2, false, nil), (3, true, "A"), (4, false, "a"), (5, true, "B"), (6, false, "b"),
                (7, true, nil), (8, false, nil), (9, true, "C"), (10, false, "c"), (11, false, nil), (12, true, nil),
                (13, false, nil), (14, false, "d"), (15, true, "D"),
            ]
            for (ts, isLeft, value) in rows { try (isLeft ? inputs.0 : inputs.1).pipe("k", value, timestamp: ts) }
            let out = try driver.outputTopic("out", key: Serdes.string, value: Serdes.string).readRecords()
            #expect(out.map { "\($0.value ?? "null")@\($0.timestamp)" } == results, "\(kind)")
        }
    }

    @Test func aMaterializedJoinResultIsQueryable() throws {
        let builder = StreamsBuilder()
        _ = builder.table("L", windowStrings).join(builder.table("R", windowStrings), Materialized.as("joined", value: Serdes.string)) { "\($0)+\($1)" }
        let stores = TestStores()
        let driver = try stores.driver(try builder.build())
        try driver.inputTopic("L", key: Serdes.string, value: Serdes.string).pipe("k", "x", timestamp: 1)
        try driver.inputTopic("R", key: Serdes.string, value: Serdes.string).pipe("k", "y", timestamp: 2)
        #expect(try driver.keyValueStore("joined")?.get(Array("k".utf8)) == Array("x+y".utf8))
    }
}
