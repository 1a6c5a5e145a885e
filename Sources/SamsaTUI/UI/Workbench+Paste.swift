/// Pasted text (`.paste` keys) is text wherever it lands, never commands: in the producer input every line
/// becomes one record, in order; a filter or a form field takes it as typing; anywhere else it is set
/// aside with a word on where it would go, so a pasted "q" or "d" does nothing.
extension Workbench {
    func handlePaste(_ text: String) -> [Effect] {
        if case .form(var form)? = state.overlay {
            for character in text where character.isTypeable { form.type(character) }
            state.overlay = .form(form)
            return []
        }
        if state.overlay == nil, let pane = state.editingFilter {
            for character in text where character.isTypeable { handleFilterTyping(.char(character), pane: pane) }
            return []
        }
        if state.overlay == nil, state.focus == .producer { return pasteIntoProducer(text) }
        setStatus("Pasted text goes into the producer (p), a filter (/) or a form field; it was not taken as keys.", .info)
        return []
    }

    /// Each line ending in the paste sends the input as it stands, so a line continues whatever was typed
    /// before it; the last line, if unfinished, stays in the input (a long paste arrives in pieces, and
    /// the next piece goes on from there). Blank lines are skipped. A line that cannot be sent is dropped
    /// rather than merged into the next, and the pane says how many were.
    private func pasteIntoProducer(_ text: String) -> [Effect] {
        var effects: [Effect] = []
        var lines = 0
        var refused: [WorkbenchError] = []
        for character in text {
            if character.isNewline {
                guard !state.producer.text.isEmpty else { continue }
                lines += 1
                switch takeRecord() {
                case .success(let effect): effects.append(effect)
                case .failure(let error):
                    refused.append(error)
                    state.producer.text = ""
                }
            } else if character.isTypeable || character == "\t" {
                state.producer.text.append(character)
            }
        }
        if let reason = refused.first {
            state.producer.lastResult = ("✕ \(refused.count) of \(Format.counted(lines, "pasted line")) not sent: \(reason.message)", true)
        }
        return effects
    }
}

extension Character {
    /// Whether a text field takes this character: anything but line breaks and control characters.
    var isTypeable: Bool {
        !isNewline && !unicodeScalars.contains { $0.properties.generalCategory == .control }
    }
}
