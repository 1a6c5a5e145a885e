import Testing
@testable import SamsaConnect

/// TopicNameMatches, HasHeaderKey and RecordIsTombstone (Kafka 3.8's TopicNameMatchesTest, HasHeaderKeyTest).
@Suite struct PredicateTests {
    @Test func topicNameMatchesTheWholeName() throws {
        let p = TopicNameMatches()
        try p.configure(["pattern": "my-prefix-.*"])
        #expect(p.test(TransformFixtures.sourceRecord(topic: "my-prefix-", valueSchema: nil, value: .null)))
        #expect(p.test(TransformFixtures.sourceRecord(topic: "my-prefix-foo", valueSchema: nil, value: .null)))
        #expect(!p.test(TransformFixtures.sourceRecord(topic: "x-my-prefix-", valueSchema: nil, value: .null)))
        #expect(!p.test(TransformFixtures.sourceRecord(topic: "my-prefix", valueSchema: nil, value: .null)))
    }

    @Test func topicNameMatchesConfigErrors() {
        #expect(TransformFixtures.message { try TopicNameMatches().configure([:]) }
            == "Missing required configuration \"pattern\" which has no default value.")
        #expect(TransformFixtures.message { try TopicNameMatches().configure(["pattern": ""]) }
            == "Invalid value  for configuration pattern: String must be non-empty")
        #expect(TransformFixtures.message { try TopicNameMatches().configure(["pattern": "[a"]) }?
            .hasPrefix("Invalid value [a for configuration pattern: Invalid regex:") == true)
    }

    @Test func hasHeaderKeyLooksForAnyHeaderWithTheName() throws {
        let p = HasHeaderKey()
        try p.configure(["name": "foo"])
        let h = { (k: String) in ConnectHeader(key: k, schema: .string, value: .string("v")) }
        #expect(p.test(TransformFixtures.sourceRecord(valueSchema: nil, value: .null, headers: [h("foo")])))
        #expect(p.test(TransformFixtures.sourceRecord(valueSchema: nil, value: .null, headers: [h("bar"), h("foo"), h("foo")])))
        #expect(!p.test(TransformFixtures.sourceRecord(valueSchema: nil, value: .null, headers: [h("bar")])))
        #expect(!p.test(TransformFixtures.sourceRecord(valueSchema: nil, value: .null)))
        #expect(TransformFixtures.message { try HasHeaderKey().configure(["name": ""]) }
            == "Invalid value  for configuration name: String must be non-empty")
    }

    @Test func recordIsTombstoneOnNullValue() {
        let p = RecordIsTombstone()
        #expect(p.test(TransformFixtures.sourceRecord(key: .string("k"), valueSchema: nil, value: .null)))
        #expect(!p.test(TransformFixtures.sourceRecord(valueSchema: .string, value: .string(""))))
    }
}
