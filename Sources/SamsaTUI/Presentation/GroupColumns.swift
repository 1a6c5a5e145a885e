/// The columns of the consumer-groups list for a width. The lag column is placed first; the member count,
/// state and lag sparkline follow only while the name keeps room for itself; the name takes what is left and
/// is cut with "…" — never the lag.
struct GroupColumns: Equatable {
    static let lagWidth = 7, stateWidth = 10, membersWidth = 3, sparkWidth = 8
    let name: Int
    let lag: Int
    let state: Bool
    let members: Bool
    let spark: Bool

    /// `longestName`: the widest group name that may be shown.
    init(width: Int, longestName: Int) {
        // The state and member count stay while the name keeps 6 columns; the sparkline needs the whole name.
        let least = min(6, longestName), wanted = min(max(6, longestName), 12)
        lag = max(1, min(Self.lagWidth, width - 2))
        var used = lag + 1  // the lag and the space before it
        func fits(_ columns: Int, leaving room: Int) -> Bool { width - used - (columns + 1) >= room }
        members = fits(Self.membersWidth, leaving: least)
        if members { used += Self.membersWidth + 1 }
        state = fits(Self.stateWidth, leaving: least)
        if state { used += Self.stateWidth + 1 }
        spark = fits(Self.sparkWidth, leaving: wanted)
        if spark { used += Self.sparkWidth + 1 }
        name = max(1, width - used)
    }

    /// The row's cells for `FrameRenderer.drawCells`, in the order name, state, members, lag, sparkline.
    func cells(name: String, state: String, members: String, lag: String, spark: String,
               styles: (name: Style, state: Style, members: Style, lag: Style, spark: Style)) -> [(String, Int, Style, Bool)] {
        var cells = [(name, self.name, styles.name, false)]
        if self.state { cells.append((state, Self.stateWidth, styles.state, false)) }
        if self.members { cells.append((members, Self.membersWidth, styles.members, true)) }
        cells.append((lag, self.lag, styles.lag, true))
        if self.spark { cells.append((spark, Self.sparkWidth, styles.spark, false)) }
        return cells
    }
}
