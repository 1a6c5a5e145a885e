/// Consumer groups: the list with total lag and a sparkline each, and the selected group's members and
/// per-partition offsets beside it.
extension FrameRenderer {
    func drawGroups() {
        guard let rect = layout.panes[.groups] else { return }
        let focused = isFocused(.groups)
        let indexes = workbench.visibleIndexes(.groups)
        canvas.box(rect, title: title(.groups, shown: indexes.count, total: snapshot.groups.count), focused: focused,
                   glyphs: glyphs)
        let inner = rect.inner
        guard inner.height > 1 else { return }
        let (listArea, detailArea) = inner.splitLeft(Layout.groupListWidth(rect) - 1)
        for row in inner.row..<inner.bottom {
            canvas.put(glyphs.vertical, row: row, col: listArea.right, style: Style(.border), width: 1)
        }
        drawGroupList(indexes, in: listArea, focused: focused)
        if let group = workbench.selectedGroup {
            drawGroupDetail(group, in: detailArea.inset(left: 2))
        }
    }

    private func drawGroupList(_ indexes: [Int], in area: Rect, focused: Bool) {
        let columns = GroupColumns(width: area.width, longestName: indexes.prefix(200).map { DisplayWidth.of(snapshot.groups[$0].id) }.max() ?? 0)
        let header = Style(.inactiveFg, on: .mainBg, [.bold])
        drawCells(columns.cells(name: "Group", state: "State", members: "Mem", lag: "Lag", spark: "", styles: (header, header, header, header, header)),
                  row: area.row, in: area)
        let body = area.inset(top: 1)
        guard !indexes.isEmpty else {
            drawEmpty(snapshot.groups.isEmpty ? "No consumer groups. Press s to start a consumer." : "No group matches the filter.", in: body)
            return
        }
        let selected = indexes.firstIndex { snapshot.groups[$0].id == state.selectedGroup } ?? 0
        let top = updateScroll(.groups, selected: selected, count: indexes.count, height: body.height)
        for line in 0..<min(body.height, indexes.count - top) {
            let group = snapshot.groups[indexes[top + line]]
            let row = GroupRow(group)
            let isSelected = top + line == selected
            let base = isSelected ? selectionStyle(focused: focused) : Style.plain
            if isSelected && focused {
                canvas.fill(Rect(row: body.row + line, col: body.col, height: 1, width: body.width), style: base)
            }
            let keep = isSelected && focused
            let spark = columns.spark ? Bars.sparkline(workbench.lagHistory.history(of: group.id), width: GroupColumns.sparkWidth, glyphs: glyphs) : ""
            drawCells(columns.cells(name: row.id, state: row.state, members: String(row.members), lag: Format.compact(row.totalLag), spark: spark,
                                    styles: (base, keep ? base : GroupRow.stateStyle(group.state), base,
                                             keep ? base : GroupRow.lagStyle(row.totalLag), keep ? base : Style(.chart))),
                      row: body.row + line, in: body)
        }
    }

    private func drawGroupDetail(_ group: GroupStatus, in area: Rect) {
        guard area.width > 10, area.height > 0 else { return }
        var row = area.row
        func line(_ spans: [Span]) {
            guard row < area.bottom else { return }
            canvas.put(spans, row: row, col: area.col, width: area.width)
            row += 1
        }
        let generation = group.generation > 0 ? " · generation \(group.generation)" : ""
        line([Span(group.id, Style(.title, on: .mainBg, [.bold])),
              Span("  \(group.state.name)", GroupRow.stateStyle(group.state)),
              Span((group.assignor.isEmpty ? "" : " · \(group.assignor)") + generation, Style(.inactiveFg))])
        let history = workbench.lagHistory.history(of: group.id)
        let sparkWidth = max(4, min(40, area.width - 22))
        line([Span("Lag ", Style(.inactiveFg)),
              Span(Bars.sparkline(history, width: sparkWidth, glyphs: glyphs), Style(.chart)),
              Span(" " + Format.count(group.totalLag), GroupRow.lagStyle(group.totalLag).with(.bold))])
        let idle = group.members.count { $0.isIdle }
        line([Span("Members (\(group.members.count)\(idle > 0 ? ", \(idle) idle" : ""))", Style(.inactiveFg, on: .mainBg, [.bold]))])
        if group.members.isEmpty { line([Span("  none: the group is empty", Style(.hint))]) }
        for member in GroupDetail.members(group) {
            // Client id, host and partitions first: member ids (client id + UUID) are long and would push them off.
            line([Span("  \(member.clientId)@\(member.host) ", Style(member.isIdle ? .inactiveFg : .mainFg)),
                  Span(member.partitions, member.isIdle ? Style(.warning) : Style(.follower)),
                  Span("  " + member.memberId, Style(.inactiveFg))])
        }
        guard row < area.bottom else { return }
        let header = Style(.inactiveFg, on: .mainBg, [.bold])
        let partWidth = max(8, area.width - 33)
        drawCells([("Partition", partWidth, header, false), ("Committed", 10, header, true),
                   ("Log end", 10, header, true), ("Lag", 9, header, true)], row: row, in: area)
        row += 1
        for offset in GroupDetail.offsets(group) {
            guard row < area.bottom else { return }
            drawCells([(offset.partition, partWidth, .plain, false), (offset.committed, 10, .plain, true),
                       (offset.logEnd, 10, .plain, true), (offset.lag, 9, GroupRow.lagStyle(offset.lagValue), true)],
                      row: row, in: area)
            row += 1
        }
    }
}
