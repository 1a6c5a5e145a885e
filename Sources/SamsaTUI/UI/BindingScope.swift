/// Where a binding applies: everywhere, in one pane, or inside overlays (menus, forms, dialogs, help).
public enum BindingScope: Sendable, Hashable {
    case global
    case pane(PaneID)
    case overlay
    /// Inside the record browser (`b`).
    case browser

    public var title: String {
        switch self {
        case .global: "Everywhere"
        case .pane(let pane): pane.title
        case .overlay: "Menus, forms and dialogs"
        case .browser: "Record browser"
        }
    }
}
