import Foundation
import SamsaProtocol
import Testing
@testable import SamsaTUI

/// What the panes show of transactions: the LSO beside the HW, the transactions pane, pending and aborted
/// records in the tail, transaction events.
@Suite struct TransactionPresentationTests {
    @Test func theLastStableOffsetIsTheHighWatermarkUnlessATransactionHoldsItBack() {
        let settled = PartitionStatus(index: 0, leader: 0, leaderEpoch: 0, replicas: [], highWatermark: 10)
        #expect(settled.lastStableOffset == 10)
        #expect(settled.pendingOffsets == 0)
        #expect(PartitionRow(settled).lastStableText == "")
        let held = PartitionStatus(index: 0, leader: 0, leaderEpoch: 0, replicas: [], highWatermark: 1200, lastStableOffset: 1197)
        #expect(held.pendingOffsets == 3)
        #expect(PartitionRow(held).lastStableText == "1,197")
        // A stale LSO above the high watermark is no open transaction.
        let ahead = PartitionStatus(index: 0, leader: 0, leaderEpoch: 0, replicas: [], highWatermark: 5, lastStableOffset: 9)
        #expect(ahead.lastStableOffset == 5)
    }

    @Test func thePartitionsPaneShowsTheLSOBesideTheHWOnlyWhereTheyDiffer() throws {
        let (workbench, canvas) = Fixtures.workbench(Fixtures.transactional(), rows: 50, cols: 160)
        // orders is selected at start (internal topics are hidden)
        Fixtures.draw(workbench, on: canvas)
        let header = try #require(canvas.find("Epoch"))
        #expect(canvas.text(row: header.row).contains("HW       LSO ISR"))
        let zero = canvas.text(row: header.row + 1), one = canvas.text(row: header.row + 2)
        #expect(zero.contains("100        96 0,1,2"))
        #expect(one.contains("80           1,0"))  // settled: the LSO cell stays blank
        let lso = try #require(canvas.find("96 0,1,2"))
        #expect(canvas.cell(row: lso.row, col: lso.col).style.foreground == .warning)
        #expect(canvas.screen.contains("Partition 0 · epoch 0 · high watermark 100 · last stable 96 (4 pending in open transactions)"))
        #expect(canvas.screen.contains("LSO: where read_committed stops"))
    }

    @Test func transactionRowsShowProducerStateAgeAndPartitions() {
        let open = TransactionRow(Fixtures.openTransaction(), now: Fixtures.time)
        #expect(open.producer == "4/0")
        #expect(open.state == "Ongoing")
        #expect(open.age == "1m15s")
        #expect(open.partitions == "orders[0,2]")
        #expect(open.isOpen)
        let done = TransactionRow(Fixtures.committedTransaction, now: Fixtures.time)
        #expect(done.age == "-")
        #expect(done.partitions == "-")
        #expect(TransactionRow.age(since: Fixtures.time, now: Fixtures.time.addingTimeInterval(5)) == "5s")
        #expect(TransactionRow.age(since: Fixtures.time, now: Fixtures.time.addingTimeInterval(3720)) == "1h02m")
        #expect(TransactionRow.age(since: nil, now: Fixtures.time) == "-")
        #expect(TransactionRow.stateStyle(.ongoing).foreground == .warning)
        #expect(TransactionRow.stateStyle(.completeCommit).foreground == .success)
        #expect(TransactionRow.stateStyle(.completeAbort).foreground == .error)
    }

    @Test func coordinatorStatesParseKafkasNames() {
        for state in [TransactionStatus.State.empty, .ongoing, .prepareCommit, .prepareAbort, .completeCommit, .completeAbort, .dead,
                      .prepareEpochFence] {
            #expect(TransactionStatus.State(kafkaName: state.name) == state)
        }
        #expect(TransactionStatus.State(kafkaName: "PREPARECOMMIT") == .prepareCommit)
        #expect(TransactionStatus.State(kafkaName: "Weird") == .unknown("Weird"))
        #expect(TransactionStatus.State.prepareCommit.isOpen && !TransactionStatus.State.completeAbort.isOpen)
    }

    @Test func theTransactionsPaneListsEveryTransactionalProducer() throws {
        let (workbench, canvas) = Fixtures.workbench(Fixtures.transactional(), rows: 50, cols: 200)
        let screen = canvas.screen
        #expect(screen.contains("Transactions (2) · 1 open"))
        let open = try #require(screen.split(separator: "\n").first { $0.contains("workbench-tx") })
        #expect(open.contains("4/0 Ongoing"))
        #expect(open.contains("1m15s orders[0,2]"))
        let state = try #require(canvas.find("Ongoing"))
        #expect(canvas.cell(row: state.row, col: state.col).style.foreground == .warning)
        #expect(screen.split(separator: "\n").contains { $0.contains("billing-eos") && $0.contains("7/3 CompleteCommit") })
        // The age counts on with time alone.
        #expect(workbench.tick(now: Fixtures.time.addingTimeInterval(2)))
        Fixtures.draw(workbench, on: canvas)
        #expect(canvas.screen.contains("1m17s orders[0,2]"))
        // Its rows can be selected and filtered like the others.
        workbench.state.focus = .transactions
        workbench.press(.char("j"))
        #expect(workbench.state.selectedTransaction == "workbench-tx")
        workbench.press(.char("/"))
        workbench.type("billing")
        #expect(workbench.visibleIndexes(.transactions) == [0])
        #expect(workbench.state.selectedTransaction == "billing-eos")
    }

    @Test func anEmptyTransactionsPaneSaysHowToBeginOne() {
        let (_, canvas) = Fixtures.workbench(Fixtures.transactional(transactions: []), rows: 50, cols: 200)
        let pane = canvas.screen.split(separator: "\n").joined(separator: " ")
        #expect(pane.contains("No transactional producers yet."))
        #expect(pane.contains("^T begins a"))
    }

    @Test func theTailMarksIsolationPendingAndAbortedRecords() {
        let pending = Fixtures.tailRecord(offset: 97, value: "in flight", isolation: .readUncommitted)
        let settled = Fixtures.tailRecord(offset: 12, value: "old news", isolation: .readUncommitted)
        let committedRead = Fixtures.tailRecord(offset: 12, value: "old news", isolation: .readCommitted)
        let aborted = Fixtures.tailRecord(offset: 90, value: "never happened", isolation: .readUncommitted, aborted: true)
        #expect(StreamRows.mark(pending, lastStable: 96) == .pending)
        #expect(StreamRows.mark(pending, lastStable: nil) == .none)
        #expect(StreamRows.mark(settled, lastStable: 96) == .none)
        #expect(StreamRows.mark(committedRead, lastStable: 0) == .none)
        #expect(StreamRows.mark(aborted, lastStable: 96) == .aborted)

        let (_, canvas) = Fixtures.workbench(Fixtures.transactional(tail: [settled, pending, aborted, committedRead]),
                                             rows: 50, cols: 200)
        let rows = canvas.screen.split(separator: "\n")
        let pendingRow = rows.first { $0.contains("@97 in flight") }
        #expect(pendingRow?.contains("in flight [pending]  workbench-group/member-1 · read_uncommitted") == true)
        #expect(rows.contains { $0.contains("@90 never happened [aborted]") })
        #expect(rows.contains { $0.contains("@12 old news  workbench-group/member-1 · read_committed") })
        #expect(rows.contains { $0.contains("@12 old news  workbench-group/member-1 · read_uncommitted") })
        let mark = canvas.find("[aborted]")!
        #expect(canvas.cell(row: mark.row, col: mark.col).style.foreground == .error)
    }

    @Test func transactionEventsHaveLabelsOfTheirOwn() {
        let kinds: [(ClusterEvent.Kind, String)] = [(.transactionBegan, "txn+"), (.transactionCommitted, "commit"),
                                                    (.transactionAborted, "abort"), (.producerFenced, "fenced")]
        for (kind, label) in kinds {
            let row = StreamRows.event(ClusterEvent(time: Fixtures.time, kind: kind, text: "Transaction t"), glyphs: .unicode)
            #expect(row.map(\.text).joined().hasSuffix("\(label) Transaction t"))
        }
        #expect(StreamRows.style(.transactionCommitted).foreground == .success)
        #expect(StreamRows.style(.producerFenced).foreground == .offline)
    }

    @Test func pollsOfTheCoordinatorsAreToldAsTransactionEvents() {
        let began = Fixtures.openTransaction()
        func with(_ state: TransactionStatus.State, epoch: Int16 = 0) -> TransactionStatus {
            TransactionStatus(transactionalId: "workbench-tx", producerId: 4, producerEpoch: epoch, state: state)
        }
        let now = Fixtures.time
        #expect(TransactionNarration.changes(from: [], to: [began], now: now).map(\.text)
                == ["Transaction workbench-tx began (producer 4, epoch 0) on orders[0,2]"])
        #expect(TransactionNarration.changes(from: [began], to: [began], now: now).isEmpty)
        #expect(TransactionNarration.changes(from: [began], to: [with(.completeCommit)], now: now).map(\.kind) == [.transactionCommitted])
        #expect(TransactionNarration.changes(from: [began], to: [with(.completeAbort)], now: now).map(\.text)
                == ["Transaction workbench-tx aborted (producer 4, epoch 0)"])
        let fenced = TransactionNarration.changes(from: [with(.completeCommit)], to: [with(.ongoing, epoch: 1)], now: now)
        #expect(fenced.map(\.kind) == [.producerFenced, .transactionBegan])
        #expect(fenced[0].text == "Transactional id workbench-tx moved to epoch 1: its producer at epoch 0 is fenced")
        // Preparing to commit is not yet a commit.
        #expect(TransactionNarration.changes(from: [began], to: [with(.prepareCommit)], now: now).isEmpty)
    }
}
