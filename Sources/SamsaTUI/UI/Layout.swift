/// Where everything goes for a terminal size: the cluster header on top, the status line and footer at
/// the bottom, the tour on the right when shown, the producer under the panes, and the panes in bands:
/// topics beside partitions, then groups beside transactions, then the record tail beside the event log.
/// The Streams or the Connect view, while shown, takes the place of the first two bands.
struct Layout: Equatable {
    static let minimumRows = 24
    static let minimumCols = 80

    let rows: Int
    let cols: Int
    let header: Rect
    let status: Rect
    let footer: Rect
    let panes: [PaneID: Rect]

    var isTooSmall: Bool { rows < Layout.minimumRows || cols < Layout.minimumCols }

    init(rows: Int, cols: Int, showTour: Bool, showStreams: Bool = false, showConnect: Bool = false, zoomed: PaneID? = nil) {
        self.rows = rows
        self.cols = cols
        header = Rect(row: 0, col: 0, height: 1, width: cols)
        footer = Rect(row: rows - 1, col: 0, height: 1, width: cols)
        status = Rect(row: rows - 2, col: 0, height: 1, width: cols)
        guard rows >= Layout.minimumRows, cols >= Layout.minimumCols else {
            panes = [:]
            return
        }
        var panes: [PaneID: Rect] = [:]
        var main = Rect(row: 1, col: 0, height: rows - 3, width: cols)
        if showTour {
            let tourWidth = min(64, max(36, cols * 2 / 5))
            let split = main.splitLeft(cols - tourWidth)
            main = split.0
            panes[.tour] = split.1
        }
        let (body, producer) = main.splitTop(main.height - 4)
        panes[.producer] = producer
        if let zoomed, zoomed != .producer, zoomed != .tour {
            panes[zoomed] = body
        } else if showStreams || showConnect {
            let (view, bottom) = body.splitTop(body.height - max(5, body.height * 25 / 100))
            // A connector's records (JsonConverter's envelopes) need the wider half.
            let (tail, events) = bottom.splitLeft(bottom.width * (showConnect ? 3 : 2) / 5)
            panes[showConnect ? .connect : .streams] = view
            panes[.tail] = tail
            panes[.events] = events
        } else {
            let topHeight = max(6, body.height * 45 / 100)
            let groupsHeight = max(5, body.height * 30 / 100)
            let (top, rest) = body.splitTop(topHeight)
            let (middle, bottom) = rest.splitTop(groupsHeight)
            // Below 95 columns (80 with the tour beside) the groups keep the larger share: their lag must show.
            let transactionsWidth = middle.width >= 95 ? min(72, max(34, middle.width * 36 / 100)) : middle.width * 36 / 100
            let (groups, transactions) = middle.splitLeft(middle.width - transactionsWidth)
            let (topics, partitions) = top.splitLeft(min(44, max(28, top.width * 30 / 100)))
            let (tail, events) = bottom.splitLeft(bottom.width * 3 / 5)
            panes[.topics] = topics
            panes[.partitions] = partitions
            panes[.groups] = groups
            panes[.transactions] = transactions
            panes[.tail] = tail
            panes[.events] = events
        }
        self.panes = panes
    }

    /// The pane under a screen position, if any.
    func pane(atRow row: Int, col: Int) -> PaneID? {
        panes.first { $0.value.contains(row: row, col: col) }?.key
    }

    /// Panes that are on screen, in focus order.
    var focusOrder: [PaneID] { PaneID.allCases.filter { panes[$0] != nil } }

    /// Columns of the groups pane taken by the list of groups (the rest shows the selected group).
    static func groupListWidth(_ rect: Rect) -> Int { max(30, rect.width * 45 / 100) }

    /// Rows of list content in a pane (inside its border, below its column header).
    func listHeight(_ pane: PaneID) -> Int {
        guard let rect = panes[pane] else { return 0 }
        return max(0, rect.height - 2 - (pane.hasColumnHeader ? 1 : 0))
    }
}
