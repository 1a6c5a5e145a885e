import Testing
@testable import SamsaTUI

@Suite struct RecordJSONTests {
    private func text(_ lines: [[Span]]) -> [String] { lines.map { $0.map(\.text).joined() } }

    @Test func nestedObjectsAndArraysKeepKeyOrderNumbersAndEscapesAsWritten() throws {
        let json = #"{"b":1,"a":[true,null,{"x":"y\"z"}],"e":{},"f":[],"n":1.50,"big":12345678901234567890,"u":"\u00e9é한"}"#
        let lines = try #require(RecordJSON.lines(Array(json.utf8)))
        #expect(text(lines) == [
            "{",
            "  \"b\": 1,",
            "  \"a\": [",
            "    true,",
            "    null,",
            "    {",
            "      \"x\": \"y\\\"z\"",
            "    }",
            "  ],",
            "  \"e\": {},",
            "  \"f\": [],",
            "  \"n\": 1.50,",
            "  \"big\": 12345678901234567890,",
            "  \"u\": \"\\u00e9é한\"",
            "}",
        ])
    }

    @Test func repeatedKeysAndWhitespaceInTheInputAreShownAsSent() throws {
        let json = "[ {\"k\" : 1 ,\n \"k\":2} , -0.5e+3 ]"
        let lines = try #require(RecordJSON.lines(Array(json.utf8)))
        #expect(text(lines) == ["[", "  {", "    \"k\": 1,", "    \"k\": 2", "  },", "  -0.5e+3", "]"])
    }

    @Test func tokensAreColouredByKind() throws {
        let lines = try #require(RecordJSON.lines(Array(#"{"id":7,"ok":false,"name":"a"}"#.utf8)))
        #expect(lines[1] == [Span("  "), Span("\"id\"", Style(.jsonKey)), Span(":", Style(.jsonPunctuation)), Span(" "),
                             Span("7", Style(.jsonNumber)), Span(",", Style(.jsonPunctuation))])
        #expect(lines[2][4] == Span("false", Style(.jsonLiteral)))
        #expect(lines[3][4] == Span("\"a\"", Style(.jsonString)))
        #expect(lines[0] == [Span("{", Style(.jsonPunctuation))])
    }

    @Test func onlyValidObjectsAndArraysArePrettyPrinted() {
        #expect(RecordJSON.lines(Array(#"{"a":1"#.utf8)) == nil)
        #expect(RecordJSON.lines(Array(#"{"a":1,}"#.utf8)) == nil)
        #expect(RecordJSON.lines(Array("42".utf8)) == nil)
        #expect(RecordJSON.lines(Array(#""text""#.utf8)) == nil)
        #expect(RecordJSON.lines(Array("{not json}".utf8)) == nil)
        #expect(RecordJSON.lines(Array(" []".utf8)).map(text) == ["[]"])
    }

    @Test func withoutColourKeysAreBoldAndPunctuationDim() {
        let palette = Palette(theme: Theme.fallback, mode: .none)
        #expect(palette.attributes(for: Style(.jsonKey)).contains(.bold))
        #expect(palette.attributes(for: Style(.jsonPunctuation)).contains(.dim))
        #expect(Theme.fallback[.jsonString] != Theme.fallback[.jsonNumber])
    }
}
