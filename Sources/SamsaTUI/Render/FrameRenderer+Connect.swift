/// The Connect view: the worker(s) on the first line, the connectors below it, then the selected one's
/// details — state, records in and out, tasks with offsets or lag, the last lines of its file.
extension FrameRenderer {
    func drawConnectView() {
        guard let rect = layout.panes[.connect] else { return }
        let focused = isFocused(.connect)
        let connect = snapshot.connect
        let connectors = connect.snapshot?.connectors ?? []
        canvas.box(rect, title: title(.connect, shown: connectors.count, total: connectors.count), focused: focused, glyphs: glyphs)
        let inner = rect.inner
        guard inner.height > 0 else { return }
        if let remote = connect.remote, connect.snapshot == nil {
            drawEmpty(ConnectRemoteView.notAnswering(remote) ?? "Asking the Kafka Connect REST API at \(remote.url)…", in: inner)
            return
        }
        guard let herder = connect.snapshot else {
            drawEmpty("No Connect worker yet. Press s here (or m, Create a file source…) to create a connector: the workbench then runs a standalone worker against this cluster, its offsets in \(connect.directory). w writes lines into a file for a file source to read.",
                      in: inner)
            return
        }
        if let remote = connect.remote, let line = ConnectRemoteView.notAnswering(remote) {
            canvas.put([Span(DisplayWidth.sanitize(line), Style(.error))], row: inner.row, col: inner.col, width: inner.width)
        } else {
            canvas.put(ConnectRows.workers(herder), row: inner.row, col: inner.col, width: inner.width)
        }
        let list = inner.inset(top: 1)
        guard list.height > 0 else { return }
        guard !connectors.isEmpty else {
            drawEmpty("No connectors. Press s to create a file source, a file sink or a generator.", in: list)
            return
        }
        let selected = connectors.firstIndex { $0.name == state.selectedConnector } ?? 0
        let listHeight = min(connectors.count, max(1, list.height / 4))
        let top = updateScroll(.connect, selected: selected, count: connectors.count, height: listHeight)
        for line in 0..<min(listHeight, connectors.count - top) {
            drawRow(ConnectRows.listRow(connectors[top + line], rates: connect.remote == nil), row: list.row + line, in: list, selected: top + line == selected, focused: focused)
        }
        let detail = list.inset(top: listHeight + 1)
        guard detail.height > 0 else { return }
        canvas.put(String(repeating: glyphs.horizontal, count: list.width), row: list.row + listHeight, col: list.col,
                   style: Style(.border), width: list.width)
        let connector = connectors[selected]
        let lines = ConnectRows.lines(connector, file: connect.files[connector.name],
                                      remoteOffsets: connect.remote.map { $0.offsets[connector.name] })
        let scroll = min(state.connectDetailScroll, max(0, lines.count - detail.height))
        workbench.state.connectDetailScroll = scroll
        for (offset, spans) in lines.dropFirst(scroll).prefix(detail.height).enumerated() {
            canvas.put(spans, row: detail.row + offset, col: detail.col, width: detail.width)
        }
    }
}
