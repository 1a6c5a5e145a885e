import SamsaClient

/// Topic detail (`i`) while open: which topic, what the last describe returned, the selected config.
struct TopicDetailState: Equatable {
    let topic: String
    var detail: TopicDetail?
    /// Why the last describe failed, shown in place of the configs.
    var error: String?
    var selected = 0
    var scroll = 0

    init(topic: String) {
        self.topic = topic
    }

    var rows: [TopicConfigRows.Row] { detail.map { TopicConfigRows.rows($0.configs) } ?? [] }

    /// The selected config as described (rows are re-ordered, so it is found by name).
    var selectedConfig: ConfigEntryDescription? {
        let rows = self.rows
        guard rows.indices.contains(selected) else { return nil }
        return detail?.configs.first { $0.name == rows[selected].name }
    }

    /// Takes a fresh description, keeping the same config selected.
    mutating func show(_ fresh: TopicDetail) {
        let name = rows.indices.contains(selected) ? rows[selected].name : nil
        detail = fresh
        error = nil
        if let name, let index = rows.firstIndex(where: { $0.name == name }) { selected = index }
        selected = max(0, min(selected, rows.count - 1))
    }

    mutating func move(by delta: Int) {
        selected = max(0, min(rows.count - 1, selected.addingReportingOverflow(delta).partialValue))
    }
}
