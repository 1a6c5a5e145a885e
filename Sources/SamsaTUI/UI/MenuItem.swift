/// A menu entry; disabled entries say why in their note.
struct MenuItem: Equatable {
    enum Then: Equatable {
        case submenu(MenuLevel)
        case run(WorkbenchAction)
        case confirm(ConfirmState)
        case form(FormState)
        /// A workbench command (showing a view), as its key would run it.
        case command(Command)
    }

    let title: String
    var note: String = ""
    var enabled: Bool = true
    /// nil for headings and for entries that cannot do anything yet.
    let then: Then?
    var isHeading = false

    /// A section heading: shown, never selectable.
    static func heading(_ title: String) -> MenuItem {
        MenuItem(title: title, enabled: false, then: nil, isHeading: true)
    }
}
