/// Mouse: a click focuses the pane under it and selects the row clicked; the wheel scrolls the pane
/// under the pointer. Clicks outside an open overlay close it.
extension Workbench {
    func handleMouse(_ key: Key) -> [Effect] {
        guard !layout.isTooSmall else { return [] }
        switch key {
        case .click(let row, let col):
            if state.overlay != nil {
                if case .menu = state.overlay { return [] }
                state.overlay = nil
                return []
            }
            state.editingFilter = nil
            guard let pane = layout.pane(atRow: row, col: col), let rect = layout.panes[pane] else { return [] }
            state.focus = pane
            // Rows start below the border (and the column header, in tables).
            let firstRow = rect.row + 1 + (pane.hasColumnHeader ? 1 : 0)
            let clicked = row - firstRow
            if pane == .groups, col >= rect.col + Layout.groupListWidth(rect) { return [] }
            guard clicked >= 0, clicked < layout.listHeight(pane) else { return [] }
            select(row: (state.scroll[pane] ?? 0) + clicked, in: pane)
        case .wheelUp(let row, let col), .wheelDown(let row, let col):
            guard state.overlay == nil, let pane = layout.pane(atRow: row, col: col) else { return [] }
            let previous = state.focus
            state.focus = pane
            if case .wheelUp = key { move(by: -3) } else { move(by: 3) }
            state.focus = previous
        default:
            break
        }
        return []
    }

    /// Selects the `row`-th visible row of `pane`.
    private func select(row: Int, in pane: PaneID) {
        switch pane {
        case .topics:
            let rows = visibleIndexes(.topics)
            guard rows.indices.contains(row) else { return }
            if snapshot.topics[rows[row]].name != state.selectedTopic { state.selectedPartition = 0 }
            state.selectedTopic = snapshot.topics[rows[row]].name
        case .partitions:
            if row < selectedTopic?.partitions.count ?? 0 { state.selectedPartition = row }
        case .groups:
            let rows = visibleIndexes(.groups)
            guard rows.indices.contains(row) else { return }
            state.selectedGroup = snapshot.groups[rows[row]].id
        case .transactions:
            let rows = visibleIndexes(.transactions)
            guard rows.indices.contains(row) else { return }
            state.selectedTransaction = snapshot.transactions[rows[row]].transactionalId
        case .tail, .events:
            let count = visibleIndexes(pane).count
            guard row < count else { return }
            let cursor = ListCursor(selected: row, follow: row == count - 1)
            if pane == .tail { state.tailCursor = cursor } else { state.eventCursor = cursor }
        case .streams:
            let apps = StreamsApplication.all(in: snapshot)
            if apps.indices.contains(row) { selectStreamsApp(apps[row].id) }
        case .connect:
            // The worker line comes first.
            let connectors = snapshot.connect.snapshot?.connectors ?? []
            if connectors.indices.contains(row - 1) { selectConnector(connectors[row - 1].name) }
        case .producer, .tour:
            break
        }
    }
}
