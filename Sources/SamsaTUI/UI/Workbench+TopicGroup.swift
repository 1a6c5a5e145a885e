/// Topic detail (`i`), the typed-name delete, the reset-offsets form (`r`) and its preview: keys and the
/// outcomes that feed them.
extension Workbench {
    func runTopicGroup(_ command: Command) -> [Effect] {
        switch command {
        case .topicDetail:
            guard let topic = selectedTopic else {
                setStatus("Select a topic first.", .info)
                return []
            }
            state.topicDetail = TopicDetailState(topic: topic.name)
            return perform(.describeTopic(topic.name))
        case .resetOffsets:
            guard let group = selectedGroup else {
                setStatus("Select a group first.", .info)
                return []
            }
            // Kafka refuses too: an active member would commit over the reset.
            guard group.members.isEmpty else {
                setStatus("Assignments can only be reset if the group '\(group.id)' is inactive, but the current state is \(group.state.name); stop its consumers first.", .error)
                return []
            }
            state.overlay = .form(GroupResetForm.form(group))
        default:
            break
        }
        return []
    }

    /// Keys while topic detail or a reset preview is open (both take every key); nil when neither is.
    func handleTopicGroupView(_ key: Key) -> [Effect]? {
        if let preview = state.resetPreview {
            switch key {
            case .enter, .char("y"):
                state.resetPreview = nil
                return perform(.applyOffsetReset(preview.preview))
            case .escape, .char("n"), .char("q"):
                state.resetPreview = nil
                setStatus("Reset of \(preview.preview.group) cancelled: nothing was committed.", .info)
            case .down, .char("j"): state.resetPreview?.scroll = min(preview.scroll + 1, max(0, preview.preview.rows.count - 1))
            case .up, .char("k"): state.resetPreview?.scroll = max(0, preview.scroll - 1)
            default: break
            }
            return []
        }
        guard var detail = state.topicDetail else { return nil }
        let page = max(1, rows - 12)
        switch key {
        case .escape, .char("q"), .char("i"):
            state.topicDetail = nil
            return []
        case .down, .char("j"): detail.move(by: 1)
        case .up, .char("k"): detail.move(by: -1)
        case .pageDown, .ctrl("f"): detail.move(by: page)
        case .pageUp, .ctrl("b"): detail.move(by: -page)
        case .home, .char("g"): detail.move(by: Int.min / 2)
        case .end, .char("G"): detail.move(by: Int.max / 2)
        case .char("r"):
            return perform(.describeTopic(detail.topic))
        case .enter:
            guard let config = detail.selectedConfig else { break }
            guard !config.isReadOnly else {
                setStatus("\(config.name) is read-only: the broker does not let it change.", .info)
                break
            }
            state.overlay = .form(TopicConfigForm.editForm(topic: detail.topic, config: config))
        case .char("d"), .delete:
            guard let config = detail.selectedConfig else { break }
            guard config.source == .dynamicTopic else {
                setStatus("\(config.name) is not set on \(detail.topic) (\(config.source.name)): nothing to revert.", .info)
                break
            }
            return perform(.alterTopicConfig(topic: detail.topic, op: .delete(config.name)))
        default: break
        }
        state.topicDetail = detail
        return []
    }

    /// The mouse while topic detail or a preview covers the panes (and no overlay is above them): the wheel
    /// moves as j/k do, clicks do nothing, so nothing hidden underneath changes. Nil when neither is open.
    func handleTopicGroupMouse(_ key: Key) -> [Effect]? {
        guard state.overlay == nil, state.topicDetail != nil || state.resetPreview != nil else { return nil }
        switch key {
        case .wheelDown: return handleTopicGroupView(.down)
        case .wheelUp: return handleTopicGroupView(.up)
        default: return []
        }
    }

    /// Feeds topic detail and the reset preview from an action's answer.
    func receivedTopicGroup(_ outcome: ActionOutcome) {
        switch outcome.action {
        case .describeTopic(let topic), .alterTopicConfig(let topic, _):
            guard state.topicDetail?.topic == topic else { return }
            if let fresh = outcome.topicDetail {
                state.topicDetail?.show(fresh)
            } else if outcome.isError, case .describeTopic = outcome.action {
                state.topicDetail?.error = outcome.message
            }
        case .createConfiguredTopic(let name, _, _, _) where !outcome.isError:
            state.selectedTopic = name
            state.selectedPartition = 0
        case .previewOffsetReset where !outcome.isError:
            state.resetPreview = outcome.resetPreview.map { GroupResetPreviewState(preview: $0) }
        default:
            break
        }
    }
}
