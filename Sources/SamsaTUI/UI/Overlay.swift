/// A modal layer over the panes; it gets every key until closed.
enum Overlay: Equatable {
    case help(scroll: Int)
    case log(scroll: Int)
    case menu([MenuLevel])
    case form(FormState)
    case confirm(ConfirmState)
}

/// A yes/no question before something destructive.
struct ConfirmState: Equatable {
    enum Then: Equatable {
        case run(WorkbenchAction)
        case quit
    }

    let question: String
    let then: Then
}

/// One level of the (nested) action menu.
struct MenuLevel: Equatable {
    let title: String
    let items: [MenuItem]
    var selected: Int = 0
}

/// A menu entry; disabled entries say why in their note.
struct MenuItem: Equatable {
    enum Then: Equatable {
        case submenu(MenuLevel)
        case run(WorkbenchAction)
        case confirm(ConfirmState)
        case form(FormState)
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
