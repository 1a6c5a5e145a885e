import Foundation
import Testing
@testable import SamsaTUI

/// The producer pane in a transaction (^T, Enter, ^E / ^R, and the menu), a read_committed consumer from the
/// start form, and the actions reaching the source in order.
@Suite struct TransactionInteractionTests {
    func outcome(_ action: WorkbenchAction, on source: FakeWorkbenchSource) async -> ActionOutcome {
        await action.perform(on: source)
    }

    @Test func beginSendCommitInTheProducerPane() async throws {
        let source = FakeWorkbenchSource()
        let (workbench, canvas) = Fixtures.workbench()
        workbench.press(.char("p"))  // orders (selected at start), producer
        let begin = workbench.press(.ctrl("t"))
        #expect(begin == [.perform(.beginTransaction(transactionalId: "workbench-tx"))])
        Fixtures.draw(workbench, on: canvas)
        #expect(canvas.screen.contains("Produce → orders · beginning transaction workbench-tx… · sticky"))

        // Typed while the begin is under way, a record already goes inside the transaction, with acks=all.
        workbench.type("k:first")
        let first = workbench.press(.enter)
        let request = ProduceRequest(topic: "orders", key: "k", value: "first", acks: .all, partitioning: .sticky,
                                     transactionalId: "workbench-tx")
        #expect(first == [.perform(.produce(request))])

        for effect in begin + first {
            guard case .perform(let action) = effect else { continue }
            workbench.receive(await outcome(action, on: source))
        }
        Fixtures.draw(workbench, on: canvas)
        #expect(canvas.screen.contains("Produce → orders · in transaction workbench-tx (1 record pending) · sticky"))
        #expect(canvas.screen.contains("Wrote partition 2, offset 17 in transaction workbench-tx (pending until it commits)."))

        workbench.type("second")
        for effect in workbench.press(.enter) {
            guard case .perform(let action) = effect else { continue }
            workbench.receive(await outcome(action, on: source))
        }
        let commit = workbench.press(.ctrl("e"))
        #expect(commit == [.perform(.commitTransaction(transactionalId: "workbench-tx"))])
        #expect(workbench.state.producer.transaction?.phase == .committing)
        // Ending twice is refused while the first is under way.
        #expect(workbench.press(.ctrl("r")).isEmpty)
        guard case .perform(let action)? = commit.first else { return }
        workbench.receive(await outcome(action, on: source))
        #expect(workbench.state.status?.text == "Committed 2 records in transaction workbench-tx (producer 4, epoch 0).")
        #expect(workbench.state.producer.transaction == nil)
        #expect(source.actions == ["begin workbench-tx", "produce orders k first in workbench-tx",
                                   "produce orders - second in workbench-tx", "commit workbench-tx"])
        // Outside the transaction again, records go with the pane's own acks.
        workbench.type("after")
        #expect(workbench.press(.enter) == [.perform(.produce(ProduceRequest(topic: "orders", key: nil, value: "after", acks: .leader,
                                                                              partitioning: .sticky)))])
    }

    @Test func abortSaysHowManyRecordsNoReadCommittedConsumerWillSee() async {
        let source = FakeWorkbenchSource()
        _ = await outcome(.beginTransaction(transactionalId: "t"), on: source)
        _ = await outcome(.produce(ProduceRequest(topic: "orders", key: nil, value: "x", acks: .all, partitioning: .sticky,
                                                  transactionalId: "t")), on: source)
        let aborted = await outcome(.abortTransaction(transactionalId: "t"), on: source)
        #expect(aborted.message == "Aborted 1 record in transaction t (producer 4, epoch 0): read_committed consumers never see them.")
        #expect(aborted.transaction == TransactionReceipt(transactionalId: "t", producerId: 4, producerEpoch: 0, records: 1))
    }

    @Test func endingWithoutATransactionOrBeginningTwiceIsRefused() {
        let (workbench, canvas) = Fixtures.workbench()
        workbench.press(.char("p"))
        #expect(workbench.press(.ctrl("e")).isEmpty)
        Fixtures.draw(workbench, on: canvas)
        #expect(canvas.screen.contains("✕ No transaction is open; ^T begins one."))
        workbench.press(.ctrl("t"))
        #expect(workbench.press(.ctrl("t")).isEmpty)
        #expect(workbench.state.producer.lastResult?.text == "✕ Transaction workbench-tx is already open: ^E commits it, ^R aborts it.")
    }

    @Test func aFailedCommitLeavesTheTransactionOpenAndAFailedBeginEndsIt() {
        let (workbench, _) = Fixtures.workbench()
        workbench.press(.char("p"), .ctrl("t"))
        workbench.receive(ActionOutcome(action: .beginTransaction(transactionalId: "workbench-tx"), message: "Began.", isError: false,
                                        receipt: nil, transaction: TransactionReceipt(transactionalId: "workbench-tx", producerId: 4, producerEpoch: 1)))
        #expect(workbench.state.producer.transaction?.producer == "producer 4, epoch 1")
        workbench.press(.ctrl("e"))
        workbench.receive(ActionOutcome(action: .commitTransaction(transactionalId: "workbench-tx"),
                                        message: "The producer was fenced.", isError: true, receipt: nil))
        #expect(workbench.state.producer.transaction?.phase == .open)
        #expect(workbench.state.producer.lastResult?.text == "✕ The producer was fenced.")
        #expect(workbench.state.status?.kind == .error)
        // Aborting is then offered; its answer ends the transaction either way.
        workbench.press(.ctrl("r"))
        workbench.receive(ActionOutcome(action: .abortTransaction(transactionalId: "workbench-tx"), message: "Fenced.", isError: true, receipt: nil))
        #expect(workbench.state.producer.transaction == nil)

        workbench.press(.ctrl("t"))
        workbench.receive(ActionOutcome(action: .beginTransaction(transactionalId: "workbench-tx"),
                                        message: "The coordinator is not available.", isError: true, receipt: nil))
        #expect(workbench.state.producer.transaction == nil)
    }

    @Test func theMenuBeginsATransactionWithAnIdOfOnesChoiceAndEndsIt() {
        let (workbench, canvas) = Fixtures.workbench(rows: 60)
        workbench.press(.char("m"))
        Fixtures.draw(workbench, on: canvas)
        #expect(canvas.screen.contains("Begin a transaction…  (then send from the producer (p))"))
        var levels: [MenuLevel] = []
        if case .menu(let open)? = workbench.state.overlay { levels = open }
        let begin = levels.last?.items.firstIndex { $0.title == "Begin a transaction…" }
        workbench.state.overlay = .menu([MenuLevel(title: "Actions", items: levels.last?.items ?? [], selected: begin ?? 0)])
        workbench.press(.enter)  // the form
        workbench.press(.ctrl("u"))
        workbench.type("orders-eos")
        #expect(workbench.press(.enter) == [.perform(.beginTransaction(transactionalId: "orders-eos"))])
        #expect(workbench.state.producer.transaction?.id == "orders-eos")

        let items = MenuBuilder.root(snapshot: workbench.snapshot, topic: nil, group: nil, transaction: workbench.state.producer.transaction).items
        #expect(items.contains { $0.title == "Commit transaction orders-eos" && $0.then == .run(.commitTransaction(transactionalId: "orders-eos")) })
        #expect(items.contains { $0.title == "Abort transaction orders-eos" && $0.then == .run(.abortTransaction(transactionalId: "orders-eos")) })
        #expect(!items.contains { $0.title == "Begin a transaction…" })
    }

    @Test func theStartFormChoosesReadCommitted() {
        let (workbench, canvas) = Fixtures.workbench()
        workbench.press(.tab, .tab, .char("s"))
        Fixtures.draw(workbench, on: canvas)
        #expect(canvas.screen.contains("Level: ◂ read_uncommitted ▸"))
        #expect(canvas.screen.contains("◂ read_uncommitted ▸"))
        workbench.press(.tab, .tab)  // to the isolation choice
        workbench.type("xyz")        // a choice takes no typing
        workbench.press(.char(" "))
        Fixtures.draw(workbench, on: canvas)
        #expect(canvas.screen.contains("◂ read_committed ▸"))
        #expect(canvas.screen.contains("Space/←→ change"))
        #expect(workbench.press(.enter) == [.perform(.startConsumer(group: "billing", topic: "orders", isolation: .readCommitted))])
        // The menu's own entry comes with read_committed chosen and a group of its own.
        let form = FormState.startConsumer(topic: "orders", isolation: .readCommitted)
        #expect(form.submit() == .success(.startConsumer(group: "workbench-committed", topic: "orders", isolation: .readCommitted)))
        var cycled = form
        cycled.focused = 2
        cycled.fields[2].cycle(by: -1)
        #expect(cycled.fields[2].value == "read_uncommitted")
    }

    @Test func aTransactionsBeginRecordsAndEndReachTheSourceInOrder() async {
        let source = FakeWorkbenchSource()
        // Records are slow to be acknowledged: a commit run beside them would overtake them.
        source.delayProduce { _ in .milliseconds(30) }
        let outbox = ActionOutbox()
        let runner = ActionRunner(source: source, outbox: outbox)
        runner.run(.beginTransaction(transactionalId: "t"))
        for index in 0..<3 {
            runner.run(.produce(ProduceRequest(topic: "o", key: nil, value: "\(index)", acks: .all, partitioning: .sticky, transactionalId: "t")))
        }
        runner.run(.commitTransaction(transactionalId: "t"))
        let outcomes = await OrderedSendTests.collect(5, from: outbox)
        #expect(source.actions == ["begin t", "produce o - 0 in t", "produce o - 1 in t", "produce o - 2 in t", "commit t"])
        #expect(outcomes.last?.message == "Committed 3 records in transaction t (producer 4, epoch 0).")
    }

    @Test func quittingWithATransactionOpenAsksFirst() {
        let (workbench, canvas) = Fixtures.workbench()
        workbench.press(.char("p"), .ctrl("t"), .escape)
        #expect(workbench.press(.char("q")).isEmpty)
        Fixtures.draw(workbench, on: canvas)
        #expect(canvas.screen.contains("Transaction workbench-tx is open and will be"))
        #expect(workbench.press(.char("y")) == [.quit])
    }

    @Test func theTransactionKeysAreInTheFooterAndHelp() {
        let footer = KeyMap.standard.footer(for: .producer).map { "\($0.keyLabel) \($0.hint)" }
        #expect(footer.contains("^T begin txn") && footer.contains("^E commit") && footer.contains("^R abort"))
        #expect(KeyMap.standard.markdownTable.contains("| `^E` | Produce | commit the open transaction |"))
    }
}
