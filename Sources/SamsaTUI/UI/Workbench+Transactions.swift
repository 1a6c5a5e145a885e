/// The producer pane's transaction: begin (^T, or the menu with an id of one's choice), records typed
/// meanwhile go inside it, commit (^E) or abort (^R). The pane tracks it from the actions it sends and
/// their answers; the Transactions pane shows what the coordinator says.
extension Workbench {
    func runTransaction(_ command: Command) -> [Effect] {
        let transaction = state.producer.transaction
        switch command {
        case .beginTransaction:
            if let transaction { return refuse("Transaction \(transaction.id) is already open: ^E commits it, ^R aborts it.") }
            return perform(.beginTransaction(transactionalId: ProducerTransaction.defaultId))
        case .commitTransaction, .abortTransaction:
            guard let transaction else { return refuse("No transaction is open; ^T begins one.") }
            guard transaction.takesRecords else { return refuse("Transaction \(transaction.id) is already ending.") }
            return perform(command == .commitTransaction ? .commitTransaction(transactionalId: transaction.id)
                                                         : .abortTransaction(transactionalId: transaction.id))
        default:
            return []
        }
    }

    private func refuse(_ text: String) -> [Effect] {
        state.producer.lastResult = ("✕ " + text, true)
        setStatus(text, .info)
        return []
    }

    /// Keeps the pane's transaction in step with a transaction action about to run.
    func willPerform(_ action: WorkbenchAction) {
        switch action {
        case .beginTransaction(let id): state.producer.transaction = ProducerTransaction(id: id)
        case .commitTransaction: state.producer.transaction?.phase = .committing
        case .abortTransaction: state.producer.transaction?.phase = .aborting
        default: break
        }
    }

    /// Keeps the pane's transaction in step with an answer. A failed commit leaves it open (to abort or try
    /// again); a failed begin or abort ends it, as the producer must then start afresh.
    func received(_ outcome: ActionOutcome) {
        guard let current = state.producer.transaction else { return }
        switch outcome.action {
        case .produce(let request) where request.transactionalId == current.id && !outcome.isError:
            state.producer.transaction?.written += 1
            return
        case .beginTransaction(let id) where id == current.id:
            if outcome.isError {
                state.producer.transaction = nil
            } else {
                state.producer.transaction?.phase = .open
                state.producer.transaction?.producer = outcome.transaction?.producerLabel
            }
        case .commitTransaction(let id) where id == current.id:
            if outcome.isError { state.producer.transaction?.phase = .open } else { state.producer.transaction = nil }
        case .abortTransaction(let id) where id == current.id:
            state.producer.transaction = nil
        default:
            return
        }
        state.producer.lastResult = ((outcome.isError ? "✕ " : "✓ ") + outcome.message, outcome.isError)
    }
}
