import Testing
@testable import SamsaTUI

@Suite struct RecordPreviewTests {
    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func nullEmptyAndPlainText() {
        #expect(RecordPreview.text(nil, width: 10) == "null")
        #expect(RecordPreview.text([], width: 10) == "\"\"")
        #expect(RecordPreview.text(bytes("order-42"), width: 10) == "order-42")
        #expect(RecordPreview.text(bytes("hello world"), width: 5) == "hell…")
        #expect(RecordPreview.text(bytes("hello"), width: 0) == "")
    }

    @Test func controlCharactersAreWrittenAsEscapes() {
        #expect(RecordPreview.text(bytes("a\nb\tc\r"), width: 20) == "a\\nb\\tc\\r")
        // One escape among plenty of text is still text.
        #expect(RecordPreview.text(bytes("log line \u{1b}[31mred"), width: 40) == "log line \\x1b[31mred")
        #expect(RecordPreview.text(bytes("caf\u{85}e and more text"), width: 40) == "caf\\u0085e and more text")
    }

    @Test func binaryIsHexWithWholeBytes() {
        #expect(RecordPreview.text([0x01, 0x02, 0xff], width: 20) == "0x01 02 ff")
        #expect(RecordPreview.text([0x01, 0x02, 0xff], width: 10) == "0x01 02 ff")
        #expect(RecordPreview.text([0x01, 0x02, 0xff], width: 9) == "0x01 02 …")
        #expect(RecordPreview.text([0x01, 0x02, 0xff], width: 8) == "0x01 …")
        // Valid UTF-8 but not text: a NUL, or mostly control characters (an Avro int and a short string).
        #expect(RecordPreview.text([0x00, 0x00, 0x00, 0x00, 0x07, 0x41], width: 30) == "0x00 00 00 00 07 41")
        #expect(RecordPreview.text([0x2a, 0x06, 0x62, 0x6f, 0x62], width: 30) == "0x2a 06 62 6f 62")
        // Invalid UTF-8.
        #expect(RecordPreview.text([0xff, 0x41], width: 30) == "0xff 41")
    }

    @Test func wideCharactersAreNeverSplitAtOddWidths() {
        let korean = bytes("한국어")  // 2 columns each
        #expect(RecordPreview.text(korean, width: 6) == "한국어")
        #expect(RecordPreview.text(korean, width: 5) == "한국…")
        #expect(RecordPreview.text(korean, width: 4) == "한…")
        #expect(RecordPreview.text(korean, width: 3) == "한…")
        #expect(RecordPreview.text(korean, width: 1) == "…")
        #expect(RecordPreview.text(bytes("👍ok"), width: 3) == "👍…")
        for width in 1...7 { #expect(DisplayWidth.of(RecordPreview.text(korean, width: width)) <= width) }
    }

    @Test func aLargeValueIsReadOnlyAsFarAsTheColumnNeeds() {
        // width 5 looks at 28 bytes: "a" and 13½ two-byte characters; the half character is dropped, not
        // taken for invalid UTF-8.
        let value = bytes("a" + String(repeating: "é", count: 100))
        #expect(RecordPreview.text(value, width: 5) == "aééé…")
        let big = [UInt8](repeating: UInt8(ascii: "x"), count: 1_000_000)
        #expect(RecordPreview.text(big, width: 4) == "xxx…")
        #expect(RecordPreview.text(bytes(String(repeating: "한", count: 1000)), width: 3) == "한…")
    }

    @Test func spansDimWhatIsNotTheRecordsOwnText() {
        #expect(RecordPreview.span(bytes("abc"), width: 10) == Span("abc", Style(.mainFg)))
        #expect(RecordPreview.span(nil, width: 10) == Span("null", Style(.inactiveFg)))
        #expect(RecordPreview.span([], width: 10) == Span("\"\"", Style(.inactiveFg)))
        #expect(RecordPreview.span([0xff], width: 10) == Span("0xff", Style(.inactiveFg)))
    }

    @Test func prettyPrintedJSONIsShownOnOneLine() {
        let pretty = bytes("{\n  \"id\": 1,\n\t\"note\": \"a\\\"\\n  b\"\n}")
        #expect(RecordPreview.text(pretty, width: 40) == #"{ "id": 1, "note": "a\"\n  b" }"#)
        // Single spaces are left alone; text that only starts like JSON keeps its words.
        #expect(RecordPreview.text(bytes("[INFO] two  spaces\nnext"), width: 40) == "[INFO] two  spaces next")
        // A line break inside a string is a control character: written as an escape.
        #expect(RecordPreview.text(bytes("[\"a\nb\"]"), width: 40) == #"["a\nb"]"#)
    }

    @Test func aCutValueEndsInAnEllipsisEvenWhenWhatWasReadFits() {
        // width 4 reads 24 bytes: "[", a line break and spaces, which flatten to one column.
        let spaced = bytes("[\n" + String(repeating: " ", count: 30) + "1]")
        #expect(RecordPreview.text(spaced, width: 4) == "[…")
        // Combining marks take no columns: 24 bytes of them are 12 marks on one "e".
        let marks = bytes("e" + String(repeating: "\u{301}", count: 40))
        #expect(RecordPreview.text(marks, width: 4) == "e" + String(repeating: "\u{301}", count: 11) + "…")
    }
}
