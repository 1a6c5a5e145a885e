import Testing
@testable import SamsaTUI

@Suite struct DisplayWidthTests {
    @Test func bordersBarsAndLatin1TakeOneColumnAndCombiningMarksStayAttached() {
        for character: Character in ["─", "╭", "╯", "│", "█", "▏", "·", "é", "±", "░"] { #expect(DisplayWidth.of(character) == 1) }
        #expect(DisplayWidth.of("╭ Topics (3) ─╮") == 15)
        #expect(DisplayWidth.of(Character("e\u{301}")) == 1)
        #expect(DisplayWidth.of(Character("─\u{FE0F}")) == 2, "an emoji presentation selector still makes it wide")
    }

    @Test func koreanAndCJKTakeTwoColumns() {
        #expect(DisplayWidth.of("토픽") == 4)
        #expect(DisplayWidth.of("컨슈머 그룹") == 11)
        #expect(DisplayWidth.of("日本語") == 6)
        #expect(DisplayWidth.of("ａ") == 2)  // fullwidth Latin
        #expect(DisplayWidth.of("orders") == 6)
    }

    @Test func combiningMarksAndJamoTakeNone() {
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("\u{1112}\u{1161}\u{11AB}") == 2)  // 한 as conjoining jamo
        #expect(DisplayWidth.of("a\u{200B}b") == 2)
    }

    @Test func emojiTakeTwoColumns() {
        #expect(DisplayWidth.of("🚀") == 2)
        #expect(DisplayWidth.of("❤️") == 2)  // with the emoji presentation selector
        #expect(DisplayWidth.of("👩‍💻") == 2)  // a ZWJ sequence is one character
    }

    @Test func truncationNeverSplitsAWideCharacter() {
        // "토픽이름" is 8 columns; 5 columns leave room for two syllables and the ellipsis.
        #expect(DisplayWidth.truncate("토픽이름", to: 5) == "토픽…")
        #expect(DisplayWidth.truncate("토픽이름", to: 6) == "토픽…")
        #expect(DisplayWidth.truncate("토픽이름", to: 8) == "토픽이름")
        for width in 1...9 {
            #expect(DisplayWidth.of(DisplayWidth.truncate("한국어 텍스트", to: width)) <= width)
        }
        #expect(DisplayWidth.truncate("quickstart-events", to: 8) == "quickst…")
    }

    @Test func fitPadsToExactWidth() {
        #expect(DisplayWidth.fit("토픽", to: 6) == "토픽  ")
        #expect(DisplayWidth.fit("토픽이름", to: 5) == "토픽…")
        #expect(DisplayWidth.of(DisplayWidth.fit("토픽이름", to: 4)) == 4)  // "토…" + one space
        #expect(DisplayWidth.fit("42", to: 5, alignRight: true) == "   42")
    }

    @Test func controlCharactersAreNeutralised() {
        #expect(DisplayWidth.sanitize("a\u{1b}[2Jb") == "a·[2Jb")
        #expect(DisplayWidth.sanitize("tab\there") == "tab·here")
        #expect(DisplayWidth.sanitize("plain") == "plain")
    }

    @Test func wrapsKoreanByDisplayWidth() {
        let lines = TextWrap.wrap("토픽은 끝에 덧붙이기만 하는 로그입니다", width: 12)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 12 })
        #expect(lines.joined(separator: " ") == "토픽은 끝에 덧붙이기만 하는 로그입니다")
        #expect(TextWrap.wrap("가나다라마바사", width: 5) == ["가나", "다라", "마바", "사"])
    }
}

@Suite struct MemoryCanvasTests {
    @Test func wideCharactersOccupyTwoCellsAndKeepColumnsAligned() {
        let canvas = MemoryCanvas(rows: 2, cols: 12)
        canvas.put("토픽|", row: 0, col: 0)
        canvas.put("abcd|", row: 1, col: 0)
        #expect(canvas.text(row: 0) == "토픽|")
        #expect(canvas.cell(row: 0, col: 1).isContinuation)
        // The bar lands in the same column on both rows.
        #expect(canvas.find("|")?.col == 4)
        #expect(canvas.text(row: 1).firstIndex(of: "|").map { canvas.text(row: 1).distance(from: canvas.text(row: 1).startIndex, to: $0) } == 4)
    }

    @Test func aWideCharacterThatWouldNotFitIsNotDrawn() {
        let canvas = MemoryCanvas(rows: 1, cols: 5)
        let used = canvas.put("ab토픽", row: 0, col: 0)
        #expect(used == 4)
        #expect(canvas.text(row: 0) == "ab토")
        #expect(canvas.put("가", row: 0, col: 4, style: .plain, width: nil) == 0)
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        let canvas = MemoryCanvas(rows: 1, cols: 6)
        canvas.put("토픽", row: 0, col: 0)
        canvas.put("x", row: 0, col: 1)
        #expect(canvas.text(row: 0) == " x픽")
    }

    @Test func spansThatDoNotFitEndInAnEllipsis() {
        let canvas = MemoryCanvas(rows: 1, cols: 20)
        let used = canvas.put([Span("키 → "), Span("안녕하세요 카프카", Style(.title))], row: 0, col: 0, width: 12)
        #expect(canvas.text(row: 0) == "키 → 안녕하…")
        #expect(used <= 12)
        #expect(canvas.cell(row: 0, col: 5).style.foreground == .title)
    }

    @Test func clipsToTheGivenWidth() {
        let canvas = MemoryCanvas(rows: 1, cols: 20)
        canvas.put("abcdefgh", row: 0, col: 2, style: .plain, width: 3)
        #expect(canvas.text(row: 0) == "  abc")
    }
}
