import Testing
@testable import SamsaTUI

@Suite struct KeyReaderTests {
    @Test func aBurstLongerThanABatchLosesNoKey() {
        // 2,000 keys through batches of 256: the old loop dropped the key it read after each full batch.
        let text = (1...200).map { "paste-\($0)\r" }.joined()
        let terminal = ScriptedTerminal(ScriptedTerminal.typed(text))
        let batches = KeyReader(limit: 256).readAll(from: terminal)
        #expect(batches.count > 2)
        #expect(batches.allSatisfy { $0.count <= 256 })
        #expect(batches.joined().map(\.typedText) == text.map { $0 == "\r" ? "\n" : String($0) })
    }

    @Test func onlyTheFirstReadOfABatchWaits() {
        let terminal = ScriptedTerminal(ScriptedTerminal.typed("ab"))
        let reader = KeyReader()
        #expect(reader.nextBatch(from: terminal) == [.char("a"), .char("b")])
        #expect(reader.nextBatch(from: terminal).isEmpty)
        #expect(terminal.waits == [true, false, false, true])
    }

    @Test func ignoredInputDoesNotEndABatch() {
        let terminal = ScriptedTerminal([.key(.char("a")), .ignored, .key(.char("b"))])
        #expect(KeyReader().nextBatch(from: terminal) == [.char("a"), .char("b")])
    }

    @Test func aBracketedPasteIsOnePasteKeyBetweenTypedKeys() {
        let terminal = ScriptedTerminal([.key(.char("x"))] + ScriptedTerminal.pasted("q\rd\tz\r") + [.key(.char("y"))])
        #expect(KeyReader().nextBatch(from: terminal) == [.char("x"), .paste("q\nd\tz\n"), .char("y")])
    }

    @Test func aPasteLongerThanABatchComesInPiecesThatJoinUp() {
        let text = (1...50).map { "line \($0)\n" }.joined()
        let terminal = ScriptedTerminal(ScriptedTerminal.pasted(text) + [.key(.char("q"))])
        let keys = KeyReader(limit: 64).readAll(from: terminal).joined()
        #expect(keys.count > 2)
        #expect(keys.last == .char("q"))
        let pieces = keys.dropLast().map { key -> String in
            guard case .paste(let piece) = key else { return "<\(key.label)>" }
            return piece
        }
        #expect(pieces.joined() == text)
    }

    @Test func aPasteStillArrivingIsHandedOnAndContinuesInTheNextBatch() {
        let terminal = ScriptedTerminal([.pasteBegin] + ScriptedTerminal.typed("first\rsec"))
        let reader = KeyReader()
        #expect(reader.nextBatch(from: terminal) == [.paste("first\nsec")])
        terminal.arrive(ScriptedTerminal.typed("ond\r") + [.pasteEnd, .key(.char("q"))])
        #expect(reader.nextBatch(from: terminal) == [.paste("ond\n"), .char("q")])
    }
}

extension Key {
    /// What a typed key adds to text ("\n" for Enter), for comparing key streams with the text typed.
    var typedText: String {
        switch self {
        case .char(let character): String(character)
        case .enter: "\n"
        default: "<\(label)>"
        }
    }
}
