/// Keys while a menu, form, dialog, help or log is open: the overlay takes every key.
extension Workbench {
    func handleOverlay(_ key: Key) -> [Effect] {
        guard let overlay = state.overlay else { return [] }
        switch overlay {
        case .help(let scroll):
            state.overlay = scrolled(key, scroll: scroll).map { .help(scroll: $0) }
        case .log(let scroll):
            state.overlay = scrolled(key, scroll: scroll).map { .log(scroll: $0) }
        case .confirm(let confirm):
            switch key {
            case .char("y"), .char("Y"), .enter:
                state.overlay = nil
                switch confirm.then {
                case .quit: return [.quit]
                case .run(let action): return perform(action)
                }
            case .char("n"), .char("N"), .escape, .char("q"):
                state.overlay = nil
            default: break
            }
        case .menu(var levels):
            return handleMenu(key, levels: &levels)
        case .form(var form):
            return handleForm(key, form: &form)
        case .segments(var view):
            return handleSegments(key, view: &view)
        }
        return []
    }

    /// Scrolls a text overlay; nil closes it.
    private func scrolled(_ key: Key, scroll: Int) -> Int? {
        let page = max(1, rows - 8)
        switch keyMap.command(for: key, in: .overlay) ?? keyMap.command(for: key, in: .global) {
        case .cancel?, .help?, .quit?, .showLog?: return nil
        case .moveDown?, .nextField?: return scroll + 1
        case .moveUp?, .previousField?: return max(0, scroll - 1)
        case .pageDown?: return scroll + page
        case .pageUp?: return max(0, scroll - page)
        case .moveTop?: return 0
        case .moveBottom?: return Int.max / 2
        default: return scroll
        }
    }

    private func handleMenu(_ key: Key, levels: inout [MenuLevel]) -> [Effect] {
        guard var level = levels.popLast() else {
            state.overlay = nil
            return []
        }
        let command = keyMap.command(for: key, in: .overlay) ?? keyMap.command(for: key, in: .global)
        switch command {
        case .cancel?, .menu?, .quit?, .focusPrevious?:
            state.overlay = levels.isEmpty ? nil : .menu(levels)
            return []
        case .moveDown?, .nextField?: level.selected = nextSelectable(level, from: level.selected, step: 1)
        case .moveUp?, .previousField?: level.selected = nextSelectable(level, from: level.selected, step: -1)
        case .confirm?, .open?, .focusNext?:
            guard level.items.indices.contains(level.selected) else { break }
            let item = level.items[level.selected]
            guard item.enabled, let then = item.then else { break }
            switch then {
            case .submenu(var sub):
                sub.selected = nextSelectable(sub, from: -1, step: 1)
                state.overlay = .menu(levels + [level, sub])
                return []
            case .run(let action):
                state.overlay = nil
                return perform(action)
            case .confirm(let confirm):
                state.overlay = .confirm(confirm)
                return []
            case .form(let form):
                state.overlay = .form(form)
                return []
            case .command(let command):
                state.overlay = nil
                return run(command)
            }
        default: break
        }
        state.overlay = .menu(levels + [level])
        return []
    }

    /// The next enabled, non-heading item from `index` in direction `step`, or `index` if there is none.
    func nextSelectable(_ level: MenuLevel, from index: Int, step: Int) -> Int {
        var candidate = index + step
        while level.items.indices.contains(candidate) {
            if level.items[candidate].enabled && !level.items[candidate].isHeading { return candidate }
            candidate += step
        }
        return level.items.indices.contains(index) ? index : 0
    }

    private func handleForm(_ key: Key, form: inout FormState) -> [Effect] {
        switch key {
        case .escape:
            state.overlay = nil
            return []
        case .enter:
            switch form.submit() {
            case .success(let action):
                state.overlay = nil
                return perform(action)
            case .failure(let error):
                form.error = error.message
            }
        case .tab, .down: form.focused = (form.focused + 1) % form.fields.count
        case .backTab, .up: form.focused = (form.focused + form.fields.count - 1) % form.fields.count
        case .backspace: form.backspace()
        case .left, .right: form.fields[form.focused].cycle(by: key == .left ? -1 : 1)
        case .ctrl("u") where !form.fields[form.focused].isChoice: form.fields[form.focused].value = ""
        case .char(let c): form.type(c)
        default: break
        }
        state.overlay = .form(form)
        return []
    }

    /// Hands an action to the loop and says so on the status line.
    func perform(_ action: WorkbenchAction) -> [Effect] {
        willPerform(action)
        state.pending += 1
        setStatus(action.progress, .progress)
        return [.perform(action)]
    }
}
