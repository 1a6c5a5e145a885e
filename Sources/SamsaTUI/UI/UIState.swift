import Foundation

/// Everything the workbench remembers between frames besides the snapshot: focus, selections, filters,
/// the open overlay, the producer input, the status line.
struct UIState {
    var focus: PaneID = .topics
    var zoomed = false
    /// Selections by identity, so they survive rows being added or removed.
    var selectedTopic: String?
    var selectedGroup: String?
    var selectedTransaction: String?
    var selectedPartition = 0
    /// Row cursors for the lists selected by position.
    var tailCursor = ListCursor(follow: true)
    var eventCursor = ListCursor(follow: true)
    /// First visible row per pane.
    var scroll: [PaneID: Int] = [:]
    var filters: [PaneID: String] = [:]
    /// Whether the topics pane lists internal topics (`__consumer_offsets`, …); `a` toggles it.
    var showInternalTopics = false
    /// The pane whose filter is being typed.
    var editingFilter: PaneID?
    var overlay: Overlay?
    var producer = ProducerInput()
    var status: StatusMessage?
    var showTour = false
    /// The Streams view replaces the topic, group and transaction panes while shown.
    var showStreams = false
    /// The Streams application shown in detail, and how far its details are scrolled.
    var selectedStreamsApp: String?
    var streamsDetailScroll = 0
    /// The Connect view replaces the same panes; the connector shown in detail, and how far it is scrolled.
    var showConnect = false
    var selectedConnector: String?
    var connectDetailScroll = 0
    /// A topic to select once the snapshot has it (a Streams app's input, so the producer writes there).
    var wantedTopic: String?
    var language: TourLanguage = .english
    var themeName = "default"
    /// The record browser, full screen over the panes while open (`b`).
    var browser: RecordBrowser?
    /// Actions sent and not yet answered.
    var pending = 0
    // topicgroup: topic detail (`i`) and a reset's preview, each shown over the panes until closed.
    var topicDetail: TopicDetailState?
    var resetPreview: GroupResetPreviewState?

    func filter(_ pane: PaneID) -> String { filters[pane] ?? "" }
}
