/// A key that neither the focused pane nor the global bindings take is never just dropped: a key of another
/// pane on screen acts there (`c` with the tour focused creates a topic, `s` starts a consumer, `n` outside
/// the tour moves the tour on), and otherwise the status line says where the key works.
extension Workbench {
    func handleElsewhere(_ key: Key) -> [Effect] {
        // The producer's bindings are keys of a text input, not commands to borrow.
        let owners = keyMap.bindings.filter { binding in
            guard case .pane(let pane) = binding.scope, pane != state.focus, pane != .producer else { return false }
            return binding.keys.contains(key)
        }
        let onScreen = owners.filter { binding in
            guard case .pane(let pane) = binding.scope else { return false }
            return layout.panes[pane] != nil
        }
        if let first = onScreen.first, onScreen.allSatisfy({ $0.command == first.command }) {
            return run(first.command)
        }
        if onScreen.count > 1 {
            let panes = onScreen.map { binding in "\(paneTitle(binding)) (\(binding.hint))" }.joined(separator: ", ")
            setStatus("\(key.label) works in \(panes): Tab to the one you mean first.", .info)
            return []
        }
        if let binding = owners.first, case .pane(let pane) = binding.scope {
            setStatus("\(key.label) works in the \(pane.title) pane, to \(binding.help); it is not on screen: \(howToShow(pane)).", .info)
            return []
        }
        if case .char = key {
            setStatus("\(key.label) does nothing in the \(state.focus.title) pane; ? lists every key.", .info)
        }
        return []
    }

    private func paneTitle(_ binding: KeyBinding) -> String {
        if case .pane(let pane) = binding.scope { return pane.title }
        return binding.scope.title
    }

    /// The key that brings `pane` back on screen.
    private func howToShow(_ pane: PaneID) -> String {
        switch pane {
        case .tour: return "t shows the tour"
        case .streams: return "S shows the Streams view"
        case .connect: return "C shows the Connect view"
        default:
            if state.zoomed { return "z restores every pane" }
            if state.showStreams { return "S leaves the Streams view" }
            if state.showConnect { return "C leaves the Connect view" }
            return "enlarge the window"
        }
    }
}
