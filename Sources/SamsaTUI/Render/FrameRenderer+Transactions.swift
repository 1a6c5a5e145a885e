/// Transactional producers as their coordinators know them: id, producer id/epoch, state, the open
/// transaction's age and the partitions it wrote to.
extension FrameRenderer {
    func drawTransactions() {
        guard let rect = layout.panes[.transactions] else { return }
        let focused = isFocused(.transactions)
        let indexes = workbench.visibleIndexes(.transactions)
        let open = snapshot.transactions.count { $0.state.isOpen }
        canvas.box(rect, title: title(.transactions, shown: indexes.count, total: snapshot.transactions.count,
                                      extra: "") + (open > 0 ? " · \(open) open" : ""),
                   focused: focused, glyphs: glyphs)
        let inner = rect.inner
        guard inner.height > 1 else { return }
        // The partitions take what is left, at least 10 columns; ids up to 24.
        let idWidth = max(8, min(24, inner.width - (8 + 14 + 6 + 10 + 4)))
        func columns(_ cells: [String], _ styles: [Style]) -> [(String, Int, Style, Bool)] {
            [(cells[0], idWidth, styles[0], false), (cells[1], 8, styles[1], true), (cells[2], 14, styles[2], false),
             (cells[3], 6, styles[3], true), (cells[4], 0, styles[4], false)]
        }
        let header = Style(.inactiveFg, on: .mainBg, [.bold])
        drawCells(columns(TransactionRow.header, Array(repeating: header, count: 5)), row: inner.row, in: inner)
        let body = inner.inset(top: 1)
        guard !indexes.isEmpty else {
            drawEmpty(snapshot.transactions.isEmpty
                      ? "No transactional producers yet. In the producer (p), ^T begins a transaction." : "No transaction matches the filter.",
                      in: body)
            return
        }
        let selected = indexes.firstIndex { snapshot.transactions[$0].transactionalId == state.selectedTransaction } ?? 0
        let top = updateScroll(.transactions, selected: selected, count: indexes.count, height: body.height)
        for line in 0..<min(body.height, indexes.count - top) {
            let transaction = snapshot.transactions[indexes[top + line]]
            let row = TransactionRow(transaction, now: workbench.now)
            let isSelected = top + line == selected
            let base = isSelected ? selectionStyle(focused: focused) : Style.plain
            let keep = isSelected && focused
            if keep { canvas.fill(Rect(row: body.row + line, col: body.col, height: 1, width: body.width), style: base) }
            drawCells(columns([row.id, row.producer, row.state, row.age, row.partitions],
                              [base, base, keep ? base : TransactionRow.stateStyle(transaction.state), base,
                               keep ? base : Style(row.isOpen ? .follower : .inactiveFg)]),
                      row: body.row + line, in: body)
        }
    }
}
