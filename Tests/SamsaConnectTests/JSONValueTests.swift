import Testing
@testable import SamsaConnect

@Suite struct JSONValueTests {
    @Test func parsesEveryKindAndKeepsIntegersApartFromDoubles() throws {
        let v = try JSONValue.parse(#" {"a": 1, "b": -2.5, "c": [true, false, null], "d": "x", "e": {}, "f": 1e2} "#)
        #expect(v["a"] == .integer(1))
        #expect(v["b"] == .double(-2.5))
        #expect(v["c"] == .array([.bool(true), .bool(false), .null]))
        #expect(v["d"]?.stringValue == "x")
        #expect(v["e"] == .object(JSONObject()))
        #expect(v["f"] == .double(100))
        #expect(v.objectValue?.keys == ["a", "b", "c", "d", "e", "f"])
        #expect(v["missing"] == nil)
        #expect(v["c"]?[0]?.boolValue == true)
    }

    @Test func keepsInsertionOrderWhenWriting() throws {
        let text = #"{"zeta":1,"alpha":{"y":[1,2],"b":null},"mid":"m"}"#
        #expect(try JSONValue.parse(text).compactString == text)
        let built: JSONValue = ["schema": ["type": "string", "optional": false], "payload": "foo"]
        #expect(built.compactString == #"{"schema":{"type":"string","optional":false},"payload":"foo"}"#)
    }

    @Test func writesCompactlyWithoutSpaces() throws {
        let v = try JSONValue.parse("[ 1 , { \"k\" : [ ] } , \"s\" ]\n")
        #expect(v.compactString == #"[1,{"k":[]},"s"]"#)
    }

    @Test func escapesAsJackson() {
        // Jackson: quote and backslash backslashed, \b \t \n \f \r short, other controls \u00XX upper-case hex,
        // '/' and non-ASCII (é, 😀) left as they are.
        let v = JSONValue.string("q\"b\\s/\u{08}\t\n\u{0C}\r\u{01}\u{1F}\u{7F}é😀")
        #expect(v.compactString == "\"q\\\"b\\\\s/\\b\\t\\n\\f\\r\\u0001\\u001F\u{7F}é😀\"")
        #expect(v.compactBytes.suffix(5) == [0xF0, 0x9F, 0x98, 0x80, 0x22])
    }

    @Test func readsEscapesIncludingSurrogatePairs() throws {
        let v = try JSONValue.parse(#""a\u00e9\uD83D\uDE00\n\/\"""#)
        #expect(v == .string("aé😀\n/\""))
    }

    @Test func bigIntegersAndHugeExponentsStayExact() throws {
        #expect(try JSONValue.parse("9223372036854775807") == .integer(Int64.max))
        #expect(try JSONValue.parse("-9223372036854775808") == .integer(Int64.min))
        let big = try JSONValue.parse("9223372036854775808")
        #expect(big == .number("9223372036854775808"))
        #expect(big.isIntegral)
        #expect(big.compactString == "9223372036854775808")
        #expect(try JSONValue.parse("1e400") == .number("1e400"))
    }

    @Test func leadingZerosOnlyWhenAskedAndLongFractionsStayExact() throws {
        #expect(throws: JSONParseError.self) { try JSONValue.parse("0012") }
        #expect(try JSONValue.parse("[0012, -007, 00.5, 0]", allowLeadingZeros: true) == [12, -7, 0.5, 0])
        // More than 15 significant digits may not survive a Double: the text is kept (BigDecimal-like).
        let exact = try JSONValue.parse("1.23456789123456789")
        #expect(exact == .number("1.23456789123456789"))
        #expect(exact.compactString == "1.23456789123456789")
        #expect(exact.doubleValue == 1.23456789123456789)
        #expect(try JSONValue.parse("123456789.012345") == .double(123456789.012345))
    }

    @Test func writesDoublesAndFloatsAsJava() {
        #expect(JSONValue.double(1).compactString == "1.0")
        #expect(JSONValue.double(1e10).compactString == "1.0E10")
        #expect(JSONValue.float(1.1).compactString == "1.1")
        #expect(JSONValue.array([.double(.nan), .double(-.infinity)]).compactString == #"["NaN","-Infinity"]"#)
    }

    @Test func sortedObjectsFromDictionaries() {
        #expect(JSONValue.sortedObject(["b": "2", "a": "1", "c": "3"]).compactString == #"{"a":"1","b":"2","c":"3"}"#)
        #expect(JSONValue.sortedObject(["y": JSONValue.integer(1), "x": .null]).compactString == #"{"x":null,"y":1}"#)
    }

    @Test func stringDictionaryCoercesScalarsAsJackson() throws {
        #expect(try JSONValue.parse(#"{"name":"x","tasks.max":1,"on":true,"gone":null}"#).stringDictionary == ["name": "x", "tasks.max": "1", "on": "true"])
        #expect(try JSONValue.parse(#"{"a":[1]}"#).stringDictionary == nil)
        #expect(JSONValue.string("x").stringDictionary == nil)
    }

    @Test func objectSetReplacesInPlaceAndRemoves() {
        var o = JSONObject([("a", 1), ("b", 2), ("a", 3)])
        #expect(o.keys == ["a", "b"])
        #expect(o["a"] == .integer(3))
        o["c"] = "x"
        o["a"] = nil
        #expect(JSONValue.object(o).compactString == #"{"b":2,"c":"x"}"#)
    }

    @Test func accessors() {
        #expect(JSONValue.integer(5).doubleValue == 5)
        #expect(JSONValue.double(5.5).int64Value == nil)
        #expect(JSONValue.number("12").int64Value == 12)
        #expect(JSONValue.string("5").int64Value == nil)
        #expect(JSONValue.double(1.5).isNumber && !JSONValue.double(1.5).isIntegral)
        #expect(JSONValue.array([]).nodeTypeName == "ARRAY")
    }

    @Test(arguments: [
        ("", 0, "the input is empty"),
        ("{\"a\":1} x", 8, "unexpected 'x' after the end of the value"),
        ("{\"a\" 1}", 5, "expected ':' after an object key"),
        ("[1,]", 3, "unexpected ']' where a value was expected"),
        ("{\"a\":1,}", 7, "expected a string key in an object"),
        ("{'a':1}", 1, "expected a string key in an object"),
        ("[1 2]", 3, "expected ',' or ']' after an array element"),
        ("01", 1, "a number may not have a leading zero"),
        ("1.", 2, "a number needs digits after its decimal point"),
        ("-", 1, "a number needs a digit after '-'"),
        ("tru", 0, "unrecognised token where a value was expected"),
        ("\"abc", 0, "a string is not closed"),
        ("\"a\tb\"", 2, "a control character must be escaped inside a string"),
        ("\"\\x\"", 2, "'x' is not a valid escape"),
        ("\"\\uD800\"", 7, "a high surrogate escape is not followed by a low surrogate"),
        ("[1", 2, "the input ends inside an array"),
        ("NaN", 0, "unexpected 'N' where a value was expected"),
        ("// c\n1", 0, "unexpected '/' where a value was expected"),
    ])
    func rejectsMalformedInputNamingThePosition(text: String, offset: Int, reason: String) {
        #expect(throws: JSONParseError(reason: reason, offset: offset)) { try JSONValue.parse(text) }
    }

    @Test func errorIsOneSentenceWithTheByte() {
        do {
            _ = try JSONValue.parse("{\"a\":1} x")
            Issue.record("parsed trailing garbage")
        } catch {
            #expect(error.description == "Malformed JSON at byte 8: unexpected 'x' after the end of the value.")
        }
    }

    @Test func rejectsInvalidUTF8AndLimitsDepth() {
        #expect(throws: JSONParseError(reason: "a string is not valid UTF-8", offset: 0)) { try JSONValue.parse([0x22, 0xC3, 0x28, 0x22]) }
        let deep = String(repeating: "[", count: 1001) + String(repeating: "]", count: 1001)
        #expect(throws: JSONParseError(reason: "nesting is deeper than 1000 levels", offset: 1000)) { try JSONValue.parse(deep) }
        let ok = String(repeating: "[", count: 1000) + String(repeating: "]", count: 1000)
        #expect((try? JSONValue.parse(ok)) != nil)
    }
}
