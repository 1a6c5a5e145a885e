import Testing
@testable import SamsaTUI

@Suite struct RecordDetailTests {
    private func text(_ lines: [[Span]]) -> [String] { lines.map { $0.map(\.text).joined() } }

    private func record(key: [UInt8]? = Array("order-42".utf8), value: [UInt8]?) -> BrowsedRecord {
        BrowsedRecord(topic: "orders", partition: 3, offset: 1042, timestamp: 1_796_032_800_123, key: key, value: value,
                      headers: [.init(key: "trace-id", value: Array("abc".utf8)), .init(key: "bin", value: [0xff, 0x00])],
                      sizeInBytes: 312, isTransactional: true, producerId: 4001)
    }

    @Test func headerBlockHeadersKeyAndJSONValue() {
        let lines = RecordDetail.lines(record(value: Array(#"{"id":42,"tags":["a"]}"#.utf8)), width: 80)
        #expect(text(lines) == [
            "orders-3@1042",
            "timestamp  2026-11-30T10:00:00.123Z (CreateTime)",
            "size       312 bytes",
            "producer   4001 · transactional",
            "headers    2",
            "  trace-id = abc",
            "  bin = 0xff 00",
            "key        8 bytes, text",
            "  order-42",
            "value      22 bytes, JSON",
            "  {",
            "    \"id\": 42,",
            "    \"tags\": [",
            "      \"a\"",
            "    ]",
            "  }",
        ])
        #expect(lines[0] == [Span("orders-3@1042", RecordDetail.heading)])
        #expect(lines[11].contains(Span("\"id\"", Style(.jsonKey))))
        #expect(lines[11].contains(Span("42", Style(.jsonNumber))))
    }

    @Test func marksNullsAndLogAppendTime() {
        var plain = record(key: nil, value: [])
        plain.isTransactional = false
        plain.producerId = -1
        plain.isLogAppendTime = true
        plain.headers = []
        #expect(text(RecordDetail.lines(plain, width: 80)) == [
            "orders-3@1042",
            "timestamp  2026-11-30T10:00:00.123Z (LogAppendTime)",
            "size       312 bytes",
            "producer   none",
            "headers    none",
            "key        null",
            "value      empty (0 bytes)",
        ])
        var aborted = record(value: nil)
        aborted.isAborted = true
        let line = RecordDetail.lines(aborted, width: 80)[3]
        #expect(text([line]) == ["producer   4001 · transactional · aborted"])
        #expect(line.last?.style.foreground == .warning)
    }

    @Test func timestampsAreISO8601InUTC() {
        #expect(RecordDetail.timestamp(0) == "1970-01-01T00:00:00.000Z")
        #expect(RecordDetail.timestamp(1_709_251_199_999) == "2024-02-29T23:59:59.999Z")
        #expect(RecordDetail.timestamp(1_796_032_800_123) == "2026-11-30T10:00:00.123Z")
        #expect(RecordDetail.timestamp(-1) == "none (-1)")
    }

    @Test func binaryIsAHexDumpAndSchemaRegistryFramingIsNamed() {
        let binary = text(RecordDetail.lines(record(value: [0xff, 0xfe, 0x41]), width: 80))
        #expect(Array(binary.suffix(2)) == ["value      3 bytes, binary", "  00000000: fffe 41                                  ..A"])
        let framed = text(RecordDetail.lines(record(value: [0x00, 0x00, 0x00, 0x00, 0x07, 0x02, 0x41]), width: 80))
        #expect(Array(framed.suffix(3)) == [
            "value      7 bytes, schema registry framing",
            "  Avro/Protobuf (schema id 7): not decoded yet — shown as bytes",
            "  00000000: 0000 0000 0702 41                        ......A",
        ])
        #expect(RecordDetail.body([0x00, 0x01, 0x02, 0x03, 0x04]) == .schemaRegistry(schemaId: 0x0102_0304))
        #expect(RecordDetail.body([0x00, 0x01]) == .bytes)
    }

    @Test func longValuesAreCutWithALineSayingSo() {
        let lines = text(RecordDetail.lines(record(value: [UInt8](repeating: 0xff, count: 70_000)), width: 80))
        #expect(lines.count == 10 + 65_536 / 16 + 1)
        #expect(lines.last == "  … 70,000 bytes in all; the first 65,536 shown")
    }

    @Test func textIsWrappedToTheWidthByWordsAndWideCharactersStayWhole() {
        let prose = text(RecordDetail.lines(record(value: Array("the quick brown fox jumps over the lazy dog".utf8)), width: 20))
        #expect(Array(prose.suffix(3)) == ["  the quick brown", "  fox jumps over the", "  lazy dog"])
        let korean = text(RecordDetail.lines(record(value: Array(String(repeating: "한", count: 10).utf8)), width: 21))
        #expect(Array(korean.suffix(2)) == ["  " + String(repeating: "한", count: 9), "  한"])
        let lines = text(RecordDetail.lines(record(value: Array("line one\nline\ttwo".utf8)), width: 40))
        #expect(Array(lines.suffix(2)) == ["  line one", "  line    two"])
    }

    @Test func longJSONLinesWrapWithAContinuationIndent() {
        let a = String(repeating: "a", count: 40)
        let lines = text(RecordDetail.lines(record(value: Array("{\"description\":\"\(a)\"}".utf8)), width: 30))
        #expect(Array(lines.suffix(5)) == [
            "  {",
            "    \"description\": \"" + String(repeating: "a", count: 10),
            "      " + String(repeating: "a", count: 24),
            "      " + String(repeating: "a", count: 6) + "\"",
            "  }",
        ])
        for line in RecordDetail.lines(record(value: Array("{\"description\":\"\(a)\"}".utf8)), width: 30) {
            #expect(line.reduce(0) { $0 + DisplayWidth.of($1.text) } <= 30)
        }
    }

    @Test func jsonSchemaFramingIsPrettyPrintedAfterItsHeader() {
        let framed = text(RecordDetail.lines(record(value: [0x00, 0x00, 0x00, 0x01, 0x00] + Array(#"{"a":1}"#.utf8)), width: 80))
        #expect(Array(framed.suffix(5)) == [
            "value      12 bytes, schema registry framing",
            "  JSON Schema (schema id 256): the JSON after the 5-byte header",
            "  {",
            "    \"a\": 1",
            "  }",
        ])
    }

    @Test func wrappedTextKeepsRunsOfSpaces() {
        #expect(RecordDetail.wrapText("a  b   c", width: 20) == ["a  b   c"])
        #expect(RecordDetail.wrapText("aaaa bbbb", width: 6) == ["aaaa", "bbbb"])
        #expect(RecordDetail.wrapText("aaaaaaaa", width: 3) == ["aaa", "aaa", "aa"])
        #expect(RecordDetail.wrapText("  indented line", width: 10) == ["  indented", "line"])
        #expect(RecordDetail.wrapText("", width: 10) == [""])
    }

    @Test func hugeJSONIsLaidOutOnlyAsFarAsTheCut() {
        // 20,000 elements of "10000," (6 bytes each): 120,001 bytes, of which the first 65,536 are laid out.
        let json = "[" + Array(repeating: "10000", count: 20_000).joined(separator: ",") + "]"
        let lines = text(RecordDetail.lines(record(value: Array(json.utf8)), width: 80))
        let value = lines.firstIndex { $0.hasPrefix("value") }!
        #expect(lines[value] == "value      120,001 bytes, JSON")
        #expect(lines[value + 1] == "  [")
        #expect(lines[value + 2] == "    10000,")
        // Tokens starting before byte 65,536: "[" and then 10,923 numbers (each with its comma).
        #expect(lines.count == value + 2 + 10_923 + 1)
        #expect(lines.last == "  … 120,001 bytes in all; the first 65,536 shown")
    }

    @Test func theCacheLaysOutAgainOnlyForAnotherRecordOrWidth() {
        var cache = RecordDetailCache()
        let first = record(value: Array(#"{"a":1}"#.utf8))
        #expect(!cache.holds(first, width: 80))
        #expect(cache.lines(first, width: 80) == RecordDetail.lines(first, width: 80))
        #expect(cache.holds(first, width: 80))
        #expect(!cache.holds(first, width: 60))
        var second = first
        second.offset += 1
        #expect(!cache.holds(second, width: 80))
        #expect(cache.lines(second, width: 60) == RecordDetail.lines(second, width: 60))
        #expect(cache.holds(second, width: 60))
        #expect(!cache.holds(first, width: 80))
    }
}
