import Testing
@testable import SamsaTUI

@Suite struct RecordHexDumpTests {
    private func text(_ lines: [[Span]]) -> [String] { lines.map { $0.map(\.text).joined() } }

    @Test func sixteenBytesALineAsXxdPrintsThem() {
        // What `xxd` prints for these 20 bytes.
        let bytes: [UInt8] = Array(0...15) + Array("hi!".utf8) + [0xff]
        #expect(text(RecordHexDump.lines(bytes, width: 80)) == [
            "00000000: 0001 0203 0405 0607 0809 0a0b 0c0d 0e0f  ................",
            "00000010: 6869 21ff                                hi!.",
        ])
    }

    @Test func offsetHexAndAsciiColumnsHaveTheirStyles() {
        let line = RecordHexDump.lines([0x41, 0x00], width: 80)[0]
        #expect(line[0] == Span("00000000: ", Style(.inactiveFg)))
        #expect(line[1].style == Style(.mainFg))
        #expect(line[2] == Span("A.", Style(.hint)))
    }

    @Test func narrowWidthsTakeEightOrFourBytesALine() {
        #expect(RecordHexDump.lineWidth(16) == 67)
        #expect(RecordHexDump.bytesPerLine(width: 67) == 16)
        #expect(RecordHexDump.bytesPerLine(width: 66) == 8)
        #expect(RecordHexDump.bytesPerLine(width: 20) == 4)
        let bytes = Array("0123456789".utf8)
        #expect(text(RecordHexDump.lines(bytes, width: 40)) == [
            "00000000: 3031 3233 3435 3637  01234567",
            "00000008: 3839                 89",
        ])
        #expect(RecordHexDump.offset(0x1234_5678) == "12345678")
    }
}
