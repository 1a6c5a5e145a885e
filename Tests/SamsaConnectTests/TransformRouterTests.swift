import Testing
@testable import SamsaConnect

/// TimestampRouter and RegexRouter (Kafka 3.8's TimestampRouterTest.defaultConfiguration and RegexRouterTest),
/// and the SimpleDateFormat subset they rely on.
@Suite struct TransformRouterTests {
    // 1483425001864 ms = 2017-01-03T06:30:01.864Z, a Tuesday (hand-computed: 1483228800 is 2017-01-01T00:00Z).
    static let instant: Int64 = 1_483_425_001_864

    @Test func timestampRouterDefaultsToKafkasFormat() throws {
        let xform = try TransformFixtures.configured(TimestampRouter(), [:])
        let out = try #require(try xform.apply(TransformFixtures.sourceRecord(valueSchema: nil, value: .null, timestamp: Self.instant)))
        #expect(out.topic == "test-20170103")
    }

    @Test func timestampRouterCustomFormats() throws {
        let xform = try TransformFixtures.configured(TimestampRouter(), ["topic.format": "${timestamp}_${topic}_x",
                                                                         "timestamp.format": "yyyy-MM-dd'T'HH:mm:ss.SSS"])
        let out = try #require(try xform.apply(TransformFixtures.sinkRecord(topic: "orders", valueSchema: nil, value: .null, timestamp: Self.instant)))
        #expect(out.topic == "2017-01-03T06:30:01.864_orders_x")
        #expect(out.originalTopic == "orders")
        let missing = TransformFixtures.message { _ = try xform.apply(TransformFixtures.sourceRecord(valueSchema: nil, value: .null)) }
        #expect(missing?.hasPrefix("Timestamp missing on record: SourceRecord{") == true)
    }

    @Test func simpleDateFormatLetters() throws {
        func fmt(_ p: String, _ ms: Int64 = Self.instant) throws -> String { try JavaDateFormat(p).format(millis: ms) }
        #expect(try fmt("yy/M/d H:m:s.S") == "17/1/3 6:30:1.864")
        #expect(try fmt("EEE EEEE MMM MMMM D") == "Tue Tuesday Jan January 3")
        #expect(try fmt("hh a KK kk") == "06 AM 06 06")
        #expect(try fmt("'It''s' yyyy ww W F u") == "It's 2017 01 1 1 2")
        #expect(try fmt("HH:mm:ss Z X z") == "06:30:01 +0000 Z UTC")
        #expect(try fmt("yyyy-MM-dd HH:mm", -1) == "1969-12-31 23:59")
        #expect(throws: JavaDateFormatError.badPattern("Illegal pattern character 'i'")) { try JavaDateFormat("yyyymmddi") }
        #expect(throws: JavaDateFormatError.badPattern("Unterminated quote")) { try JavaDateFormat("yyyy'T") }
    }

    @Test func regexRouterFollowsKafkasTests() throws {
        func route(_ regex: String, _ replacement: String, _ topic: String) throws -> String? {
            let xform = try TransformFixtures.configured(RegexRouter(), ["regex": regex, "replacement": replacement])
            return try xform.apply(TransformFixtures.sinkRecord(topic: topic, valueSchema: nil, value: .null))?.topic
        }
        #expect(try route("foo", "bar", "foo") == "bar")
        #expect(try route("foo", "bar", "orig") == "orig")
        #expect(try route("(.*)", "$1", "orig") == "orig")
        #expect(try route("(.*)", "prefix-$1", "orig") == "prefix-orig")
        #expect(try route("(.*)", "$1-suffix", "orig") == "orig-suffix")
        #expect(try route("(.*)-(\\d\\d\\d\\d\\d\\d\\d\\d)", "$1", "index-20160117") == "index")
        #expect(try route("foo", "bar", "foofoo") == "foofoo")  // matches() needs the whole topic
        // matches() accepts "ab" whole, then Java's replaceFirst replaces the first match found, "a".
        #expect(try route("a|ab", "x", "ab") == "xb")
        #expect(try route("(?<name>[a-z]+)-(\\d+)", "${name}_$2\\$", "logs-7") == "logs_7$")
        #expect(try route("(a)(b)", "$12", "ab") == "a2") // group 12 does not exist, so $1 then "2"
        #expect(TransformFixtures.message { _ = try route("(a)", "$2", "a") } == "No group 2")
    }

    @Test func regexRouterConfigErrors() {
        #expect(TransformFixtures.message { try RegexRouter().configure(["regex": "(abc", "replacement": "x"]) }?
            .hasPrefix("Invalid value (abc for configuration regex: Invalid regex:") == true)
        #expect(TransformFixtures.message { try RegexRouter().configure(["regex": "a"]) }
            == "Missing required configuration \"replacement\" which has no default value.")
    }
}
