/// The producer pane's transaction, as the pane knows it from the actions it sent and their answers.
struct ProducerTransaction: Equatable {
    enum Phase: Equatable {
        /// Begin asked for; records typed meanwhile queue behind it and go inside.
        case beginning
        case open
        case committing
        case aborting
    }

    /// The transactional id used when none is given (the producer pane's ^T).
    static let defaultId = "workbench-tx"

    let id: String
    var phase: Phase = .beginning
    /// "producer 4, epoch 0" once the begin is answered.
    var producer: String?
    /// Records acknowledged inside it.
    var written = 0

    /// Whether records typed now go inside it.
    var takesRecords: Bool { phase == .beginning || phase == .open }

    /// The producer pane's title part: "in transaction workbench-tx (2 written)".
    var label: String {
        switch phase {
        case .beginning: "beginning transaction \(id)…"
        case .open: "in transaction \(id) (\(Format.counted(written, "record")) pending)"
        case .committing: "committing \(id)…"
        case .aborting: "aborting \(id)…"
        }
    }
}
