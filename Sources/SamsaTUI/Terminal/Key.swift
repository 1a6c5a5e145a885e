/// A key press or mouse action, decoded from curses.
public enum Key: Hashable, Sendable {
    case char(Character)
    /// Ctrl plus a letter, lower-cased ("a" for Ctrl-A).
    case ctrl(Character)
    case up, down, left, right, home, end, pageUp, pageDown
    case enter, tab, backTab, escape, backspace, delete
    case function(Int)
    case resize
    case click(row: Int, col: Int)
    case wheelUp(row: Int, col: Int)
    case wheelDown(row: Int, col: Int)
    /// Text pasted in one go (between a bracketed paste's markers), newlines included: text, never commands.
    /// A long paste may come as several of these, split anywhere.
    case paste(String)

    /// How the key is written in the footer and help.
    public var label: String {
        switch self {
        case .char(" "): "Space"
        case .char(let c): String(c)
        case .ctrl(let c): "^" + c.uppercased()
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .enter: "Enter"
        case .tab: "Tab"
        case .backTab: "S-Tab"
        case .escape: "Esc"
        case .backspace: "Bksp"
        case .delete: "Del"
        case .function(let n): "F\(n)"
        case .resize: "resize"
        case .click: "click"
        case .wheelUp: "wheel↑"
        case .wheelDown: "wheel↓"
        case .paste: "paste"
        }
    }

    /// The character a text field should insert for this key, if any.
    public var typedCharacter: Character? {
        if case .char(let c) = self { return c }
        return nil
    }
}
