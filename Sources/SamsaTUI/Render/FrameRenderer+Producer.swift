/// The producer input and the guided tour.
extension FrameRenderer {
    func drawProducer() {
        guard let rect = layout.panes[.producer] else { return }
        let focused = isFocused(.producer)
        let producer = state.producer
        let target = workbench.selectedTopic?.name ?? "no topic selected"
        // A transaction's records go with acks=all: the title says which transaction instead.
        let mode = producer.transaction.map(\.label) ?? "acks=\(producer.acks.label)"
        canvas.box(rect, title: "Produce \(glyphs.arrow) \(target) · \(mode) · \(producer.partitioning.label)",
                   focused: focused, glyphs: glyphs)
        let inner = rect.inner
        guard inner.height > 0 else { return }
        let prompt = "> "
        let room = max(1, inner.width - 3)
        // A pasted tab is kept in the record; on screen it takes one column like any character.
        var text = producer.text.replacingOccurrences(of: "\t", with: " ")
        // Show the end of long input: that is where typing happens.
        while DisplayWidth.of(text) > room - 1 { text.removeFirst() }
        var spans = [Span(prompt, Style(.keyHint, on: .mainBg, [.bold])), Span(text, Style(.mainFg))]
        if focused { spans.append(Span("▏", Style(.borderFocus, on: .mainBg, [.bold]))) }
        if producer.text.isEmpty && !focused {
            spans.append(Span("press p to write a record: value, or key:value", Style(.hint)))
        }
        canvas.put(spans, row: inner.row, col: inner.col, width: inner.width)
        guard inner.height > 1 else { return }
        if let result = producer.lastResult {
            canvas.put(result.text, row: inner.row + 1, col: inner.col + 2,
                       style: result.isError ? Style(.error, on: .mainBg, [.bold]) : Style(.success), width: inner.width - 2)
        } else if producer.sending > 0 {
            canvas.put("sending…", row: inner.row + 1, col: inner.col + 2, style: Style(.hint), width: inner.width - 2)
        } else if focused {
            let hint = producer.transaction.map { "Enter sends inside \($0.id) · ^E commits · ^R aborts · Esc leaves" }
                ?? "Enter sends · ^A acks · ^P partitioning · ^T begins a transaction · \\: for a literal colon · Esc leaves"
            canvas.put(hint, row: inner.row + 1, col: inner.col + 2, style: Style(.hint), width: inner.width - 2)
        }
    }

    func drawTour() {
        guard let rect = layout.panes[.tour] else { return }
        let focused = isFocused(.tour)
        let tour = workbench.tour
        let language = state.language
        let languageName = language == .english ? "English" : "한국어"
        canvas.box(rect, title: "Tour \(tour.index + 1)/\(tour.steps.count) · \(languageName)", focused: focused,
                   glyphs: glyphs)
        let inner = rect.inner.inset(left: 1, right: 1)
        guard inner.height > 2 else { return }
        var row = inner.row
        let bottom = inner.bottom - 2
        func paragraph(_ text: String, _ style: Style) {
            for line in TextWrap.wrap(text, width: inner.width) {
                guard row < bottom else { return }
                canvas.put(line, row: row, col: inner.col, style: style, width: inner.width)
                row += 1
            }
        }
        let step = tour.step
        paragraph(step.title[language], Style(.title, on: .mainBg, [.bold]))
        row += 1
        paragraph(step.body[language], Style(.mainFg))
        if let howTo = step.howTo {
            row += 1
            paragraph((language == .english ? "How: " : "방법: ") + howTo[language], Style(.hint))
        }
        if step.isDoing {
            row += 1
            if tour.satisfied {
                paragraph(language == .english ? "✓ Done! Press n to go on." : "✓ 완료! n을 눌러 계속하세요.",
                          Style(.success, on: .mainBg, [.bold]))
            } else {
                paragraph(language == .english ? "◌ Waiting for you to do it…" : "◌ 직접 해 보기를 기다리는 중…",
                          Style(.warning))
            }
        }
        let keys = language == .english ? "n next · b back · L 한국어 · t close" : "n 다음 · b 이전 · L English · t 닫기"
        canvas.put(keys, row: inner.bottom - 1, col: inner.col, style: Style(.hint), width: inner.width)
    }
}
