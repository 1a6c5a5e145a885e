import Foundation

/// Everything the workbench remembers between frames besides the snapshot: focus, selections, filters,
/// the open overlay, the producer input, the status line.
struct UIState {
    var focus: PaneID = .topics
    var zoomed = false
    /// Selections by identity, so they survive rows being added or removed.
    var selectedTopic: String?
    var selectedGroup: String?
    var selectedPartition = 0
    /// Row cursors for the lists selected by position.
    var tailCursor = ListCursor(follow: true)
    var eventCursor = ListCursor(follow: true)
    var groupDetailScroll = 0
    /// First visible row per pane.
    var scroll: [PaneID: Int] = [:]
    var filters: [PaneID: String] = [:]
    /// The pane whose filter is being typed.
    var editingFilter: PaneID?
    var overlay: Overlay?
    var producer = ProducerInput()
    var status: StatusMessage?
    var showTour = false
    var language: TourLanguage = .english
    var themeName = "default"
    /// Actions sent and not yet answered.
    var pending = 0

    func filter(_ pane: PaneID) -> String { filters[pane] ?? "" }
}

/// A position in a list that can follow its newest row (for the tail and the event log).
struct ListCursor: Equatable {
    var selected = 0
    var follow: Bool
}

/// A line for the status bar, which clears itself after a while.
struct StatusMessage: Equatable {
    enum Kind: Equatable {
        case info, success, error, progress
    }

    let text: String
    let kind: Kind
    let time: Date

    /// How long it stays: errors longer, progress until replaced.
    var lifetime: TimeInterval {
        switch kind {
        case .info, .success: 6
        case .error: 15
        case .progress: 60
        }
    }
}
