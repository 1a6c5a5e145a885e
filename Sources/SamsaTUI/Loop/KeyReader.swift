/// Turns what the terminal delivers into the keys of one frame, losing none.
///
/// A batch takes everything already typed (a paste, a burst of send-keys) so it is handled before the next
/// frame is drawn, up to `limit` inputs so the screen keeps moving during a long paste. The limit is
/// checked before reading: an input once read always goes into the batch (the rest stays queued in the
/// terminal for the next one). Reading one more key and then stopping lost every 257th key of a paste.
///
/// Text between a bracketed paste's markers becomes `.paste` keys, one per batch while the paste goes on,
/// so pasted letters are never taken as commands and each batch's share is handled in order.
final class KeyReader {
    let limit: Int
    /// The text of a paste still going on (its end marker not read yet); nil outside a paste.
    private var pasted: String?

    init(limit: Int = 1024) {
        self.limit = max(1, limit)
    }

    /// Waits up to a tick for the first input, then takes whatever else is already there.
    func nextBatch(from source: TerminalInputSource) -> [Key] {
        var keys: [Key] = []
        var read = 0
        while read < limit, let input = source.readInput(waiting: read == 0) {
            read += 1
            switch input {
            case .pasteBegin:
                if pasted == nil { pasted = "" }
            case .pasteEnd:
                if let text = pasted, !text.isEmpty { keys.append(.paste(text)) }
                pasted = nil
            case .key(let key):
                if pasted != nil {
                    pasted?.append(contentsOf: Self.text(of: key))
                } else {
                    keys.append(key)
                }
            case .ignored:
                break
            }
        }
        // A paste longer than a batch: hand on its text so far; the rest follows in the next batches.
        if let text = pasted, !text.isEmpty {
            keys.append(.paste(text))
            pasted = ""
        }
        return keys
    }

    /// What a key read inside a paste stands for in the pasted text.
    static func text(of key: Key) -> String {
        switch key {
        case .char(let character): String(character)
        case .enter: "\n"
        case .tab: "\t"
        default: ""
        }
    }
}
