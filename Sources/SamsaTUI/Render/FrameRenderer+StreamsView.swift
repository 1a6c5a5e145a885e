/// The Streams view: the applications (started here, or seen on the cluster through their groups) at the
/// top, the selected one's details below — state, rates, topology, tasks, stores, members, internal topics.
extension FrameRenderer {
    func drawStreamsView() {
        guard let rect = layout.panes[.streams] else { return }
        let focused = isFocused(.streams)
        let apps = StreamsApplication.all(in: snapshot)
        canvas.box(rect, title: title(.streams, shown: apps.count, total: apps.count), focused: focused, glyphs: glyphs)
        let inner = rect.inner
        guard inner.height > 0 else { return }
        guard !apps.isEmpty else {
            drawEmpty("No Streams applications yet. Press s here (or m, Start the word count demo…) to run Kafka's word count in the workbench; apps run elsewhere against this cluster appear here through their consumer groups.",
                      in: inner)
            return
        }
        let selected = apps.firstIndex { $0.id == state.selectedStreamsApp } ?? 0
        let listHeight = min(apps.count, max(1, inner.height / 4))
        let top = updateScroll(.streams, selected: selected, count: apps.count, height: listHeight)
        for line in 0..<min(listHeight, apps.count - top) {
            drawRow(StreamsDetail.listRow(apps[top + line]), row: inner.row + line, in: inner, selected: top + line == selected, focused: focused)
        }
        let detail = inner.inset(top: listHeight + 1)
        guard detail.height > 0 else { return }
        canvas.put(String(repeating: glyphs.horizontal, count: inner.width), row: inner.row + listHeight, col: inner.col,
                   style: Style(.border), width: inner.width)
        // Wide enough for the topology (about 60 columns) beside the rest: two columns scrolled together,
        // whether the topology comes from the runtime here or from the group's subscriptions.
        let wide = detail.width >= 120 && (apps[selected].local?.snapshot != nil || apps[selected].publishedTopology != nil)
        let (left, right) = wide ? StreamsDetail.columns(apps[selected], glyphs: glyphs)
                                 : (StreamsDetail.lines(apps[selected], glyphs: glyphs), [])
        let leftWidth = wide ? min(66, detail.width / 2) : detail.width
        let scroll = min(state.streamsDetailScroll, max(0, max(left.count, right.count) - detail.height))
        workbench.state.streamsDetailScroll = scroll
        for (offset, spans) in left.dropFirst(scroll).prefix(detail.height).enumerated() {
            canvas.put(spans, row: detail.row + offset, col: detail.col, width: leftWidth - (wide ? 1 : 0))
        }
        for (offset, spans) in right.dropFirst(scroll).prefix(detail.height).enumerated() {
            canvas.put(spans, row: detail.row + offset, col: detail.col + leftWidth + 1, width: detail.width - leftWidth - 1)
        }
    }
}
