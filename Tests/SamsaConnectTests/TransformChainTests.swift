import Testing
@testable import SamsaConnect

/// TransformationChain built from Kafka's connector config syntax, with predicates, negate, and Kafka's
/// error sentences for bad configs.
@Suite struct TransformChainTests {
    static let smt = "org.apache.kafka.connect.transforms."

    func record(_ topic: String, _ value: ConnectValue = TransformFixtures.map(["id": .int32(1)]), headers: [ConnectHeader] = []) -> ConnectRecord {
        TransformFixtures.sourceRecord(topic: topic, valueSchema: nil, value: value, timestamp: 0, headers: headers)
    }

    @Test func stagesRunInOrderWithPrefixStrippedSettings() throws {
        let chain = try TransformationChain(config: [
            "name": "c", "connector.class": "FileStreamSource",
            "transforms": "route, stamp",
            "transforms.route.type": Self.smt + "RegexRouter",
            "transforms.route.regex": "(.*)-raw",
            "transforms.route.replacement": "$1",
            "transforms.stamp.type": "InsertField$Value",
            "transforms.stamp.topic.field": "from",
        ])
        #expect(chain.stages.map(\.alias) == ["route", "stamp"])
        let out = try #require(try chain.apply(record("orders-raw")))
        #expect(out.topic == "orders")
        // InsertField ran after RegexRouter, so it saw the new topic.
        #expect(out.value == TransformFixtures.map(["id": .int32(1), "from": .string("orders")]))
        chain.close()
    }

    @Test func filterWithPredicateAndNegate() throws {
        let base = [
            "transforms": "dropLogs",
            "transforms.dropLogs.type": Self.smt + "Filter",
            "transforms.dropLogs.predicate": "isLogs",
            "predicates": "isLogs",
            "predicates.isLogs.type": Self.smt + "predicates.TopicNameMatches",
            "predicates.isLogs.pattern": "logs-.*",
        ]
        let chain = try TransformationChain(config: base)
        #expect(try chain.apply(record("logs-app")) == nil)
        #expect(try chain.apply(record("orders"))?.topic == "orders")

        let negated = try TransformationChain(config: base.merging(["transforms.dropLogs.negate": "true"]) { $1 })
        #expect(try negated.apply(record("logs-app"))?.topic == "logs-app")
        #expect(try negated.apply(record("orders")) == nil)
    }

    @Test func droppedRecordsSkipLaterStagesAndPredicatesGateTransforms() throws {
        let chain = try TransformationChain(config: [
            "transforms": "dropTombstones,mark",
            "transforms.dropTombstones.type": "Filter",
            "transforms.dropTombstones.predicate": "tomb",
            "transforms.mark.type": Self.smt + "InsertField$Value",
            "transforms.mark.static.field": "traced",
            "transforms.mark.static.value": "yes",
            "transforms.mark.predicate": "traced",
            "predicates": "tomb,traced",
            "predicates.tomb.type": "RecordIsTombstone",
            "predicates.traced.type": Self.smt + "predicates.HasHeaderKey",
            "predicates.traced.name": "trace-id",
        ])
        #expect(try chain.apply(record("t", .null)) == nil)
        let plain = try #require(try chain.apply(record("t")))
        #expect(plain.value == TransformFixtures.map(["id": .int32(1)]))
        let traced = try #require(try chain.apply(record("t", headers: [ConnectHeader(key: "trace-id", schema: nil, value: .string("1"))])))
        #expect(traced.value["traced"] == .string("yes"))
    }

    @Test func aFailingStageIsNamed() throws {
        let chain = try TransformationChain(config: [
            "transforms": "route,cast",
            "transforms.route.type": "RegexRouter", "transforms.route.regex": "x", "transforms.route.replacement": "y",
            "transforms.cast.type": "Cast$Value", "transforms.cast.spec": "n:int32",
        ])
        #expect(TransformFixtures.message { _ = try chain.apply(record("t", TransformFixtures.map(["n": .string("x1")]))) }
            == "Value (x1) was out of range for requested data type")
        #expect(chain.failedStage?.alias == "cast")
        #expect(chain.failedStage?.className == Self.smt + "Cast$Value")
        #expect(try chain.apply(record("t", TransformFixtures.map(["n": .string("7")])))?.value == TransformFixtures.map(["n": .int32(7)]))
        #expect(chain.failedStage == nil)
    }

    @Test func noTransformsPassesRecordsThrough() throws {
        let chain = try TransformationChain(config: ["name": "c"])
        #expect(chain.isEmpty)
        #expect(try chain.apply(record("t")) == record("t"))
    }

    @Test func badConfigsGiveKafkasSentences() {
        func error(_ config: [String: String]) -> String? {
            TransformFixtures.message { _ = try TransformationChain(config: config) }
        }
        #expect(error(["transforms": "a"]) == "Missing required configuration \"transforms.a.type\" which has no default value.")
        #expect(error(["transforms": "a", "transforms.a.type": "com.example.Nope"])
            == "Invalid value com.example.Nope for configuration transforms.a.type: Class com.example.Nope could not be found.")
        #expect(error(["transforms": "a", "transforms.a.type": Self.smt + "InsertField"])
            == "This class is abstract and cannot be created. Did you mean org.apache.kafka.connect.transforms.InsertField$Key, org.apache.kafka.connect.transforms.InsertField$Value?")
        #expect(error(["transforms": "a", "transforms.a.type": "TopicNameMatches"])
            == "Class class org.apache.kafka.connect.transforms.predicates.TopicNameMatches does not implement the Transformation interface")
        #expect(error(["transforms": "a", "transforms.a.type": "Filter", "transforms.a.predicate": "p"])
            == "Unknown configuration 'predicates.p.type'")
        #expect(error(["transforms": "a", "transforms.a.type": "Filter", "transforms.a.predicate": "p", "predicates": "p"])
            == "Missing required configuration \"predicates.p.type\" which has no default value.")
        #expect(error(["transforms": "a", "transforms.a.type": "Filter", "transforms.a.negate": "true"])
            == "Config 'transforms.a.negate' was provided but there is no config 'transforms.a.predicate' defining a predicate to be negated.")
        #expect(error(["transforms": "a", "transforms.a.type": "Filter", "transforms.a.predicate": "p", "transforms.a.negate": "maybe",
                       "predicates": "p", "predicates.p.type": "RecordIsTombstone"])
            == "Invalid value maybe for configuration transforms.a.negate: Expected value to be either true or false")
        #expect(error(["transforms": "a,a", "transforms.a.type": "Filter"])
            == "Invalid value [a, a] for configuration transforms: Duplicate alias provided.")
        #expect(error(["transforms": "r", "transforms.r.type": "RegexRouter", "transforms.r.replacement": "x"])
            == "Missing required configuration \"transforms.r.regex\" which has no default value.")
        #expect(error(["transforms": "i", "transforms.i.type": "InsertField$Value"]) == "No field insertion configured")
    }

    @Test func validateReportsPerKeyErrorsWithKafkasKeysAndGroups() {
        let result = TransformationChain.validate(config: [
            "transforms": "ok,bad",
            "transforms.ok.type": "RegexRouter",
            "transforms.ok.regex": ".*",
            "transforms.ok.replacement": "x",
            "transforms.bad.type": "com.example.Nope",
            "predicates": "p",
            "predicates.p.type": "HasHeaderKey",
        ])
        #expect(result.groups == ["Transforms", "Predicates", "Transforms: ok", "Transforms: bad", "Predicates: p"])
        #expect(result.configs.map(\.definition.name).prefix(7) == ["transforms", "predicates", "transforms.ok.type", "transforms.ok.predicate",
                                                                    "transforms.ok.negate", "transforms.ok.regex", "transforms.ok.replacement"])
        #expect(result.errorsByKey == [
            "transforms.bad.type": ["Invalid value com.example.Nope for configuration transforms.bad.type: Class com.example.Nope could not be found."],
            "predicates.p.name": ["Missing required configuration \"predicates.p.name\" which has no default value."],
        ])
        #expect(result.errorCount == 2)
        let typeKey = result.configs.first { $0.definition.name == "transforms.ok.type" }
        #expect(typeKey?.value.recommendedValues.contains(Self.smt + "InsertField$Value") == true)
    }

    @Test func registryListsEveryTransformUnderKafkasNames() {
        let names = PluginRegistry.builtin.transforms.map(\.className)
        for name in ["Cast$Key", "Cast$Value", "InsertField$Key", "InsertField$Value", "ReplaceField$Key", "ReplaceField$Value",
                     "MaskField$Key", "MaskField$Value", "Filter", "RegexRouter", "TimestampRouter", "ValueToKey",
                     "ExtractField$Key", "ExtractField$Value", "HoistField$Key", "HoistField$Value",
                     "SetSchemaMetadata$Key", "SetSchemaMetadata$Value", "TimestampConverter$Key", "TimestampConverter$Value",
                     "InsertHeader", "DropHeaders", "HeaderFrom$Key", "HeaderFrom$Value", "Flatten$Key", "Flatten$Value"] {
            #expect(names.contains(Self.smt + name), "missing \(name)")
        }
        #expect(PluginRegistry.builtin.predicates.map(\.className).sorted() == [
            Self.smt + "predicates.HasHeaderKey", Self.smt + "predicates.RecordIsTombstone", Self.smt + "predicates.TopicNameMatches"])
        #expect(PluginRegistry.builtin.transform("InsertField$Value") != nil)
    }
}
