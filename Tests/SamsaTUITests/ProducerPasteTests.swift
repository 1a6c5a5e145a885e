import Testing
@testable import SamsaTUI

/// Many lines entered at once into the producer input: each line one record, every character kept, in
/// the order entered; pasted text elsewhere is never taken as commands.
@Suite struct ProducerPasteTests {
    static let lines = (1...200).map { "paste-\($0)" }

    /// A workbench with the producer input focused on the "orders" topic.
    static func producer() -> Workbench {
        let (workbench, _) = Fixtures.workbench()
        workbench.press(.char("p"))  // orders, selected at start
        return workbench
    }

    /// Feeds what the terminal delivers through the event loop's reader into the workbench.
    static func enter(_ inputs: [TerminalInput], into workbench: Workbench, batch: Int = 256) -> [Workbench.Effect] {
        let terminal = ScriptedTerminal(inputs)
        return KeyReader(limit: batch).readAll(from: terminal).joined().flatMap { workbench.handle($0) }
    }

    static func sent(_ effects: [Workbench.Effect]) -> [ProduceRequest] {
        effects.compactMap { effect in
            if case .perform(.produce(let request)) = effect { return request }
            return nil
        }
    }

    @Test func aBracketedPasteOf200LinesBecomes200RecordsInOrder() {
        let workbench = Self.producer()
        let effects = Self.enter(ScriptedTerminal.pasted(Self.lines.map { $0 + "\r" }.joined()), into: workbench)
        #expect(effects.count == 200)
        #expect(Self.sent(effects).map(\.value) == Self.lines)
        #expect(Self.sent(effects).allSatisfy { $0.topic == "orders" && $0.key == nil })
        #expect(workbench.state.producer.text.isEmpty)
        #expect(workbench.state.producer.sending == 200)
    }

    @Test func aBurstOf200TypedLinesBecomes200RecordsInOrder() {
        let workbench = Self.producer()
        let effects = Self.enter(ScriptedTerminal.typed(Self.lines.map { $0 + "\r" }.joined()), into: workbench)
        #expect(Self.sent(effects).map(\.value) == Self.lines)
        #expect(workbench.state.focus == .producer)
    }

    @Test func aPasteContinuesWhatWasTypedAndLeavesItsLastLineInTheInput() {
        let workbench = Self.producer()
        workbench.type("pre")
        var effects = workbench.handle(.paste("fix-1\nline-2\nunfin"))
        #expect(workbench.state.producer.text == "unfin")
        effects += workbench.handle(.paste("ished\n"))
        #expect(Self.sent(effects).map(\.value) == ["prefix-1", "line-2", "unfinished"])
    }

    @Test func lineEndsOfAnyKindEndOneLineAndBlankLinesSendNothing() {
        let workbench = Self.producer()
        let effects = workbench.handle(.paste("a\r\nb\r\n\n\nk:c\rd\n"))
        #expect(Self.sent(effects).map(\.value) == ["a", "b", "c", "d"])
        #expect(Self.sent(effects).map(\.key) == [nil, nil, "k", nil])
    }

    @Test func aLineThatCannotBeSentIsDroppedNotMergedIntoTheNext() {
        let workbench = Self.producer()
        workbench.state.producer.partitioning = .explicit(7)  // orders has 3 partitions: no line can be sent
        let refused = workbench.handle(.paste("one\ntwo\nthr"))
        #expect(Self.sent(refused).isEmpty)
        #expect(workbench.state.producer.lastResult?.text == "✕ 2 of 2 pasted lines not sent: Topic orders has no partition 7.")
        #expect(workbench.state.producer.text == "thr", "the unfinished line waits; the refused ones are gone")
        workbench.state.producer.partitioning = .sticky
        #expect(Self.sent(workbench.handle(.paste("ee\n"))).map(\.value) == ["three"])
    }

    @Test func keyHashLinesWithoutAKeyAreSentForTheStickyPartitioner() {
        let workbench = Self.producer()
        workbench.press(.ctrl("p"))
        let effects = workbench.handle(.paste("k1:one\nno key\nk2:two\n"))
        #expect(Self.sent(effects).map(\.value) == ["one", "no key", "two"])
        #expect(Self.sent(effects).map(\.key) == ["k1", nil, "k2"])
    }

    @Test func aPasteOutsideAnInputRunsNoCommand() {
        let (workbench, _) = Fixtures.workbench()
        // orders is selected, in the Topics pane: d would ask to delete it, q would quit
        #expect(workbench.handle(.paste("dq\n")).isEmpty)
        #expect(workbench.state.overlay == nil)
        #expect(workbench.state.status?.text.hasPrefix("Pasted text goes into the producer") == true)
        workbench.press(.char("d"))  // the typed-name confirmation is open: a paste fills it, never submits it
        #expect(workbench.handle(.paste("y\n")).isEmpty)
        guard case .form(let form)? = workbench.state.overlay, case .deleteTopic("orders") = form.purpose else {
            Issue.record("the confirmation closed")
            return
        }
    }

    @Test func aPasteIntoAFilterOrAFormFieldIsTyped() {
        let (workbench, _) = Fixtures.workbench()
        workbench.press(.char("/"))
        _ = workbench.handle(.paste("pay\n"))
        #expect(workbench.state.filters[.topics] == "pay")
        #expect(workbench.state.editingFilter == .topics)
        workbench.press(.escape, .char("c"), .ctrl("u"))
        _ = workbench.handle(.paste("my-topic\n"))
        guard case .form(let form)? = workbench.state.overlay else {
            Issue.record("the form closed")
            return
        }
        #expect(form.fields[0].value == "my-topic")
    }
}
