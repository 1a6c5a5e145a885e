/// The live record tail and the event log: newest at the bottom, following new rows until the person
/// scrolls up.
extension FrameRenderer {
    func drawTail() {
        guard let rect = layout.panes[.tail] else { return }
        drawStream(.tail, rect: rect, count: snapshot.tail.count, cursor: state.tailCursor,
                   empty: "Records read by consumers started here appear here. In Consumer groups, press s.") { index in
            let record = snapshot.tail[index]
            let partition = snapshot.topic(named: record.topic)?.partitions.first { $0.index == record.partition }
            return StreamRows.tail(record, glyphs: glyphs, lastStable: partition?.lastStableOffset)
        }
    }

    func drawEvents() {
        guard let rect = layout.panes[.events] else { return }
        drawStream(.events, rect: rect, count: snapshot.events.count, cursor: state.eventCursor,
                   empty: "What happens in the cluster is narrated here: leaders elected, replicas falling behind, brokers going down.") { index in
            StreamRows.event(snapshot.events[index], glyphs: glyphs)
        }
    }

    private func drawStream(_ pane: PaneID, rect: Rect, count: Int, cursor: ListCursor, empty: String,
                            row: (Int) -> [Span]) {
        let focused = isFocused(pane)
        let indexes = workbench.visibleIndexes(pane)
        let following = cursor.follow && count > 0 ? " · following" : ""
        canvas.box(rect, title: title(pane, shown: indexes.count, total: count) + following, focused: focused,
                   glyphs: glyphs)
        let body = rect.inner
        guard !indexes.isEmpty else {
            drawEmpty(count == 0 ? empty : "Nothing matches the filter.", in: body)
            return
        }
        let selected = cursor.follow ? indexes.count - 1 : min(cursor.selected, indexes.count - 1)
        let top = updateScroll(pane, selected: selected, count: indexes.count, height: body.height)
        for line in 0..<min(body.height, indexes.count - top) {
            let isSelected = focused && !cursor.follow && top + line == selected
            drawRow(row(indexes[top + line]), row: body.row + line, in: body, selected: isSelected, focused: focused)
        }
    }
}
