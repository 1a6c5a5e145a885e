@testable import SamsaTUI

/// Terminal input for tests: what `arrive` queues is read back in order; nothing else ever comes.
final class ScriptedTerminal: TerminalInputSource {
    private var queued: [TerminalInput] = []
    private var next = 0
    /// Whether each read waited for input (only a batch's first read should).
    private(set) var waits: [Bool] = []

    init(_ inputs: [TerminalInput] = []) { arrive(inputs) }

    func arrive(_ inputs: [TerminalInput]) { queued += inputs }

    var isDrained: Bool { next == queued.count }

    func readInput(waiting: Bool) -> TerminalInput? {
        waits.append(waiting)
        guard next < queued.count else { return nil }
        defer { next += 1 }
        return queued[next]
    }

    /// Keys as a terminal sends typed text: carriage returns and newlines are Enter.
    static func typed(_ text: String) -> [TerminalInput] {
        text.unicodeScalars.map { scalar in
            scalar == "\r" || scalar == "\n" ? .key(.enter) : .key(.char(Character(scalar)))
        }
    }

    /// The same text pasted with bracketed paste on.
    static func pasted(_ text: String) -> [TerminalInput] {
        [.pasteBegin] + typed(text) + [.pasteEnd]
    }
}

extension KeyReader {
    /// Reads batches until the terminal has nothing left; every key of every batch, in order.
    func readAll(from terminal: ScriptedTerminal) -> [[Key]] {
        var batches: [[Key]] = []
        while !terminal.isDrained { batches.append(nextBatch(from: terminal)) }
        return batches
    }
}
