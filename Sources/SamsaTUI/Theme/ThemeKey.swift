/// The semantic colour slots a theme defines (btop style: `theme[main_bg]="#1e1e2e"`).
public enum ThemeKey: String, CaseIterable, Sendable, Hashable {
    case mainBg = "main_bg"
    case mainFg = "main_fg"
    case title
    case border
    case borderFocus = "border_focus"
    case selectedBg = "selected_bg"
    case selectedFg = "selected_fg"
    case inactiveFg = "inactive_fg"
    case headerBg = "header_bg"
    case headerFg = "header_fg"
    case hint
    case keyHint = "key_hint"
    case leader
    case follower
    case outOfSync = "out_of_sync"
    case offline
    case controller
    case brokerUp = "broker_up"
    case brokerDown = "broker_down"
    case lagLow = "lag_low"
    case lagHigh = "lag_high"
    case barFill = "bar_fill"
    case barEmpty = "bar_empty"
    case chart
    case error
    case success
    case warning
    case overlayBg = "overlay_bg"
    case filterMatch = "filter_match"
    // recordview: JSON in the record browser's detail view
    case jsonKey = "json_key"
    case jsonString = "json_string"
    case jsonNumber = "json_number"
    case jsonLiteral = "json_literal"
    case jsonPunctuation = "json_punctuation"

    /// What each slot colours, written into the shipped theme files.
    public var purpose: String {
        switch self {
        case .mainBg: "background of the whole screen"
        case .mainFg: "ordinary text"
        case .title: "pane titles"
        case .border: "pane borders"
        case .borderFocus: "border and title of the focused pane"
        case .selectedBg: "background of the selected row"
        case .selectedFg: "text of the selected row"
        case .inactiveFg: "secondary text: column headers, timestamps, idle members"
        case .headerBg: "background of the cluster header and footer"
        case .headerFg: "text of the cluster header and footer"
        case .hint: "footer descriptions and guidance"
        case .keyHint: "key names in the footer and help"
        case .leader: "partition leaders"
        case .follower: "in-sync followers"
        case .outOfSync: "replicas out of the in-sync set, under-replicated partitions"
        case .offline: "offline replicas, partitions without a leader"
        case .controller: "the controller broker"
        case .brokerUp: "brokers that are up"
        case .brokerDown: "brokers that are stopped, crashed or isolated"
        case .lagLow: "small consumer lag"
        case .lagHigh: "large consumer lag"
        case .barFill: "filled part of offset bars"
        case .barEmpty: "empty part of offset bars"
        case .chart: "sparklines"
        case .error: "errors"
        case .success: "successful actions"
        case .warning: "warnings and confirmations"
        case .overlayBg: "background of menus, forms and help"
        case .filterMatch: "the filter prompt"
        case .jsonKey: "JSON object keys in the record browser"
        case .jsonString: "JSON strings in the record browser"
        case .jsonNumber: "JSON numbers in the record browser"
        case .jsonLiteral: "JSON true, false and null in the record browser"
        case .jsonPunctuation: "JSON braces, brackets, commas and colons in the record browser"
        }
    }
}
