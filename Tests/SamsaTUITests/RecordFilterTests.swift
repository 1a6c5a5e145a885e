import Testing
@testable import SamsaTUI

@Suite struct RecordFilterTests {
    private func record(key: String?, value: String?, headers: [BrowsedRecord.Header] = []) -> BrowsedRecord {
        BrowsedRecord(topic: "orders", partition: 0, offset: 1, timestamp: 0, key: key.map { Array($0.utf8) },
                      value: value.map { Array($0.utf8) }, headers: headers, sizeInBytes: 10)
    }

    private func filter(_ typed: String) throws -> RecordFilter { try #require(try RecordFilter.parse(typed)) }

    private func error(_ typed: String) -> String? {
        do {
            _ = try RecordFilter.parse(typed)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func blankTextFiltersNothing() throws {
        #expect(try RecordFilter.parse("") == nil)
        #expect(try RecordFilter.parse("   ") == nil)
    }

    @Test func plainTextSearchesKeyAndValueWithSmartcase() throws {
        let lower = try filter("order")
        #expect(lower.kind == .text("order", field: .keyOrValue))
        #expect(lower.ignoresCase)
        #expect(lower.matches(record(key: "ORDER-1", value: nil)))
        #expect(lower.matches(record(key: nil, value: "an Order")))
        #expect(!lower.matches(record(key: "invoice", value: "paid")))
        #expect(!lower.matches(record(key: nil, value: nil)))
        let upper = try filter("Order")
        #expect(!upper.ignoresCase)
        #expect(upper.matches(record(key: "Order-1", value: nil)))
        #expect(!upper.matches(record(key: "order-1", value: "ORDER")))
        #expect(lower.describe() == "key or value contains \"order\" (ignoring case)")
        #expect(upper.describe() == "key or value contains \"Order\"")
    }

    @Test func keyOnlyAndValueOnly() throws {
        let key = try filter("k:abc")
        #expect(key.kind == .text("abc", field: .key))
        #expect(key.matches(record(key: "xabcx", value: nil)))
        #expect(!key.matches(record(key: "x", value: "abc")))
        let value = try filter("v:abc")
        #expect(value.kind == .text("abc", field: .value))
        #expect(value.matches(record(key: "x", value: "ABC!")))
        #expect(!value.matches(record(key: "abc", value: "x")))
        #expect(value.describe() == "value contains \"abc\" (ignoring case)")
    }

    @Test func regexOverKeyAndValue() throws {
        let any = try filter(#"/^ord(er)?-\d+$/"#)
        #expect(any.kind == .regex(#"^ord(er)?-\d+$"#, field: .keyOrValue))
        #expect(any.matches(record(key: "order-42", value: nil)))
        #expect(any.matches(record(key: nil, value: "ORD-7")))
        #expect(!any.matches(record(key: "order-x", value: "my order-42")))
        let upper = try filter("/^ORD/")
        #expect(!upper.matches(record(key: "order", value: nil)))
        #expect(upper.matches(record(key: "ORDER", value: nil)))
        let onKey = try filter("k:/^a.c$/")
        #expect(onKey.kind == .regex("^a.c$", field: .key))
        #expect(onKey.matches(record(key: "abc", value: nil)))
        #expect(!onKey.matches(record(key: "x", value: "abc")))
        #expect(any.describe() == #"key or value matches /^ord(er)?-\d+$/ (ignoring case)"#)
    }

    @Test func headersByNameAndByValue() throws {
        let headers = [BrowsedRecord.Header(key: "trace", value: Array("abc".utf8)), BrowsedRecord.Header(key: "empty", value: nil)]
        let has = try filter("h:trace")
        #expect(has.kind == .header(name: "trace", value: nil))
        #expect(has.matches(record(key: nil, value: nil, headers: headers)))
        #expect(!has.matches(record(key: "trace", value: "trace")))
        #expect(try !filter("h:Trace").matches(record(key: nil, value: nil, headers: headers)))
        #expect(try filter("h:empty").matches(record(key: nil, value: nil, headers: headers)))
        let equals = try filter("h:trace=abc")
        #expect(equals.kind == .header(name: "trace", value: "abc"))
        #expect(equals.matches(record(key: nil, value: nil, headers: headers)))
        #expect(try !filter("h:trace=ab").matches(record(key: nil, value: nil, headers: headers)))
        #expect(try !filter("h:trace=ABC").matches(record(key: nil, value: nil, headers: headers)))
        // A header without a value is not equal to the empty string.
        #expect(try !filter("h:empty=").matches(record(key: nil, value: nil, headers: headers)))
        #expect(try filter("h:a=b=c").kind == .header(name: "a", value: "b=c"))
        #expect(has.describe() == "has header trace")
        #expect(equals.describe() == "header trace = \"abc\"")
    }

    @Test func badInputIsOneSentence() {
        #expect(error("/(/") == "/(/ is not a valid regular expression.")
        #expect(error("k:/[a/") == "/[a/ is not a valid regular expression.")
        #expect(error("//") == "The regular expression between the slashes is empty.")
        #expect(error("k:") == "k: needs text after it, as in k:order-42.")
        #expect(error("v:") == "v: needs text after it, as in v:order-42.")
        #expect(error("h:") == "h: needs a header name, as in h:trace-id or h:trace-id=abc.")
        #expect(error("h:=x") == "h: needs a header name, as in h:trace-id or h:trace-id=abc.")
    }

    @Test func aBackslashTakesTheRestLiterally() throws {
        let literal = try filter(#"\k:x"#)
        #expect(literal.kind == .text("k:x", field: .keyOrValue))
        #expect(literal.matches(record(key: nil, value: "a k:x b")))
        #expect(try filter("/").kind == .text("/", field: .keyOrValue))
    }

    @Test func theTextPartsOfBinaryValuesStillMatch() throws {
        let binary = BrowsedRecord(topic: "t", partition: 0, offset: 0, timestamp: 0, key: nil,
                                   value: [0xff, 0x00, UInt8(ascii: "h"), UInt8(ascii: "i")], sizeInBytes: 4)
        #expect(try filter("hi").matches(binary))
        #expect(try filter("/h.$/").matches(binary))
    }
}
