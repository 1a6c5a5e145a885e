/// Runs the workbench's actions off the UI thread and posts each outcome to the outbox.
///
/// Records from the producer pane go through one ordered queue: sent one after another, in the order they
/// were entered, and answered in that order, so a paste lands in its topic as it was pasted. A transaction's
/// begin, commit and abort go through the same queue, so they fall between the right records. The other
/// actions do not depend on each other and each runs in a task of its own.
final class ActionRunner: Sendable {
    private let source: any WorkbenchSource
    private let outbox: ActionOutbox
    private let records: OrderedQueue<WorkbenchAction>

    init(source: any WorkbenchSource, outbox: ActionOutbox) {
        self.source = source
        self.outbox = outbox
        records = OrderedQueue { action in outbox.post(await action.perform(on: source)) }
    }

    func run(_ action: WorkbenchAction) {
        if action.isOrdered {
            records.enqueue(action)
            return
        }
        let source = self.source, outbox = self.outbox
        Task.detached { outbox.post(await action.perform(on: source)) }
    }

    /// Sends what is queued, then lets the queue's task end.
    func finish() {
        records.finish()
    }

    /// The task sending the producer pane's records (tests wait for it after `finish()`).
    var recordSender: Task<Void, Never> { records.worker }
}
