/// Key handling: pasted text goes where text is typed (Workbench+Paste); otherwise the open overlay gets the
/// key first, then a filter being typed, then the focused pane, then the global bindings.
extension Workbench {
    func handle(_ key: Key) -> [Effect] {
        if state.browser != nil, !layout.isTooSmall || key != .char("q") { return handleBrowser(key) }
        switch key {
        case .resize: return []
        case .click, .wheelUp, .wheelDown: return handleTopicGroupMouse(key) ?? handleMouse(key)
        default: break
        }
        if layout.isTooSmall {
            return key == .char("q") || key == .ctrl("c") ? [.quit] : []
        }
        if case .paste(let text) = key { return handlePaste(text) }
        if state.overlay != nil { return handleOverlay(key) }
        if let effects = handleTopicGroupView(key) { return effects }
        if let pane = state.editingFilter {
            handleFilterTyping(key, pane: pane)
            return []
        }
        // Esc clears a filter kept with Enter, as the filter line promises.
        if key == .escape, !state.filter(state.focus).isEmpty {
            handleFilterTyping(.escape, pane: state.focus)
            return []
        }
        if state.focus == .producer, let effects = handleProducerTyping(key) { return effects }
        if let command = keyMap.command(for: key, in: .pane(state.focus)) ?? keyMap.command(for: key, in: .global) {
            return run(command)
        }
        return handleElsewhere(key)
    }

    func run(_ command: Command) -> [Effect] {
        switch command {
        case .focusNext, .focusPrevious:
            let order = layout.focusOrder
            guard let index = order.firstIndex(of: state.focus) else { break }
            let step = command == .focusNext ? 1 : order.count - 1
            state.focus = order[(index + step) % order.count]
            relayout()
        case .moveUp: move(by: -1)
        case .moveDown: move(by: 1)
        case .pageUp: move(by: -max(1, layout.listHeight(state.focus) - 1))
        case .pageDown: move(by: max(1, layout.listHeight(state.focus) - 1))
        case .moveTop: move(by: Int.min / 2)
        case .moveBottom: move(by: Int.max / 2)
        case .open: open()
        case .zoom:
            state.zoomed.toggle()
            relayout()
        case .filter:
            if state.focus.isFilterable {
                state.editingFilter = state.focus
            } else {
                setStatus("The \(state.focus.title) pane has nothing to filter; try Topics, Groups, Transactions, Tail or Events.", .info)
            }
        case .menu:
            state.overlay = .menu([MenuBuilder.root(snapshot: snapshot, topic: selectedTopic, group: selectedGroup,
                                                    transaction: state.producer.transaction)])
        case .help: state.overlay = .help(scroll: 0)
        case .showLog: state.overlay = .log(scroll: Int.max / 2)
        case .quit:
            let transaction = state.producer.transaction.map { "Transaction \($0.id) is open and will be aborted. " } ?? ""
            if snapshot.consumers.isEmpty && snapshot.streams.isEmpty && transaction.isEmpty { return [.quit] }
            let count = snapshot.consumers.count
            let consumers = count == 0 ? "" : "\(count) consumer\(count == 1 ? "" : "s") started here will stop. "
            let apps = snapshot.streams.isEmpty ? "" : "\(Format.counted(snapshot.streams.count, "Streams app")) started here will stop. "
            state.overlay = .confirm(ConfirmState(question: transaction + consumers + apps + "Quit anyway?", then: .quit))
        case .switchTheme:
            let index = themeNames.firstIndex(of: state.themeName) ?? -1
            let next = themeNames[(index + 1) % max(1, themeNames.count)]
            state.themeName = next
            setStatus("Theme: \(next)", .info)
            return [.applyTheme(next)]
        case .toggleTour:
            state.showTour.toggle()
            if state.showTour { state.focus = .tour } else if state.focus == .tour { state.focus = .topics }
            relayout()
        case .toggleLanguage:
            state.language = state.language.toggled
            setStatus(state.language == .english ? "Tour language: English" : "투어 언어: 한국어", .info)
        case .produceHere:
            state.focus = .producer
            relayout()
        case .createTopic: state.overlay = .form(.createTopic(brokerCount: snapshot.brokers.count))
        case .deleteTopic:
            guard let topic = selectedTopic else { return noSelection("topic") }
            guard !topic.isInternal else {
                setStatus("Internal topic \(topic.name) cannot be deleted.", .error)
                break
            }
            state.overlay = .form(TopicConfigForm.deleteTopicForm(topic.name))
        case .addPartitions:
            guard let topic = selectedTopic else { return noSelection("topic") }
            state.overlay = .form(.addPartitions(topic: topic.name, current: topic.partitions.count))
        case .toggleInternalTopics: toggleInternalTopics()
        case .startConsumer:
            state.overlay = .form(StartConsumerDefaults.form(snapshot: snapshot, topic: selectedTopic, group: selectedGroup, preferGroup: true))
        case .stopConsumer:
            let mine = snapshot.consumers.filter { $0.group == state.selectedGroup }
            let item = MenuBuilder.stopConsumerItem(mine.isEmpty ? snapshot.consumers : mine)
            guard case .submenu(let level)? = item.then, !level.items.isEmpty else {
                setStatus("No consumer started here is running; start one with s.", .info)
                break
            }
            state.overlay = .menu([level])
        case .resetOffsets, .topicDetail:
            return runTopicGroup(command)
        case .tourNext:
            if !tour.next(snapshot) {
                if tour.isLast {
                    setStatus(state.language == .english ? "This is the last step; t closes the tour." : "마지막 단계입니다. t를 누르면 투어가 닫힙니다.", .info)
                } else {
                    setStatus(state.language == .english ? "Do this step first: the tour moves on once it sees it done." : "이 단계를 먼저 해 보세요. 완료되면 다음으로 넘어갈 수 있습니다.", .info)
                }
            }
        case .tourBack: tour.back(snapshot)
        case .send, .cycleAcks, .cyclePartitioning, .clearInput, .leaveInput:
            return runProducer(command)
        case .beginTransaction, .commitTransaction, .abortTransaction:
            return runTransaction(command)
        case .toggleStreams, .startStreams, .stopStreams:
            return runStreams(command)
        case .toggleConnect, .newConnector, .writeLines, .pauseResumeConnector, .restartConnector, .deleteConnector, .tailConnectorTopic:
            return runConnect(command)
        case .showSegments:
            return showSegments()
        case .browseRecords: openBrowser()
        case .seekRecords, .nextMatch, .previousMatch, .writeRecord, .writeRecords, .reproduceRecord:
            break
        case .confirm, .cancel, .nextField, .previousField:
            break
        }
        return []
    }

    private func noSelection(_ what: String) -> [Effect] {
        setStatus("Select a \(what) first.", .info)
        return []
    }

    /// Moves the selection of the focused list by `delta` rows (clamped).
    func move(by delta: Int) {
        func clamp(_ value: Int, _ count: Int) -> Int { max(0, min(count - 1, value)) }
        switch state.focus {
        case .topics:
            let rows = visibleIndexes(.topics)
            guard !rows.isEmpty else { return }
            let current = rows.firstIndex { snapshot.topics[$0].name == state.selectedTopic } ?? 0
            let name = snapshot.topics[rows[clamp(current.addingReportingOverflow(delta).partialValue, rows.count)]].name
            if name != state.selectedTopic { state.selectedPartition = 0 }
            state.selectedTopic = name
        case .partitions:
            let count = selectedTopic?.partitions.count ?? 0
            guard count > 0 else { return }
            state.selectedPartition = clamp(state.selectedPartition.addingReportingOverflow(delta).partialValue, count)
        case .groups:
            let rows = visibleIndexes(.groups)
            guard !rows.isEmpty else { return }
            let current = rows.firstIndex { snapshot.groups[$0].id == state.selectedGroup } ?? 0
            state.selectedGroup = snapshot.groups[rows[clamp(current.addingReportingOverflow(delta).partialValue, rows.count)]].id
        case .transactions:
            let rows = visibleIndexes(.transactions)
            guard !rows.isEmpty else { return }
            let current = rows.firstIndex { snapshot.transactions[$0].transactionalId == state.selectedTransaction } ?? 0
            state.selectedTransaction = snapshot.transactions[rows[clamp(current.addingReportingOverflow(delta).partialValue, rows.count)]].transactionalId
        case .tail: moveCursor(&state.tailCursor, count: visibleIndexes(.tail).count, by: delta)
        case .events: moveCursor(&state.eventCursor, count: visibleIndexes(.events).count, by: delta)
        case .streams: moveStreams(by: delta)
        case .connect: moveConnect(by: delta)
        case .producer, .tour: break
        }
    }

    private func moveCursor(_ cursor: inout ListCursor, count: Int, by delta: Int) {
        guard count > 0 else { return }
        let current = cursor.follow ? count - 1 : min(cursor.selected, count - 1)
        cursor.selected = max(0, min(count - 1, current.addingReportingOverflow(delta).partialValue))
        cursor.follow = cursor.selected == count - 1
    }

    private func open() {
        switch state.focus {
        case .topics:
            guard selectedTopic != nil else { return }
            state.focus = .partitions
        case .groups:
            guard let group = selectedGroup else { return }
            state.overlay = .menu([MenuBuilder.group(group, snapshot: snapshot)])
        case .tail: state.tailCursor.follow = true
        case .events: state.eventCursor.follow = true
        default: break
        }
    }

    func handleFilterTyping(_ key: Key, pane: PaneID) {
        switch key {
        case .enter: state.editingFilter = nil
        case .escape:
            state.filters[pane] = nil
            state.editingFilter = nil
        case .backspace:
            if var text = state.filters[pane], !text.isEmpty {
                text.removeLast()
                state.filters[pane] = text
            }
        case .char(let c): state.filters[pane, default: ""].append(c)
        default: return
        }
        // Keep the selection on a row the filter still shows.
        if pane == .topics, let first = visibleIndexes(.topics).first,
           !visibleIndexes(.topics).contains(where: { snapshot.topics[$0].name == state.selectedTopic }) {
            state.selectedTopic = snapshot.topics[first].name
            state.selectedPartition = 0
        }
        if pane == .groups, let first = visibleIndexes(.groups).first,
           !visibleIndexes(.groups).contains(where: { snapshot.groups[$0].id == state.selectedGroup }) {
            state.selectedGroup = snapshot.groups[first].id
        }
        if pane == .transactions, let first = visibleIndexes(.transactions).first,
           !visibleIndexes(.transactions).contains(where: { snapshot.transactions[$0].transactionalId == state.selectedTransaction }) {
            state.selectedTransaction = snapshot.transactions[first].transactionalId
        }
        if pane == .tail { state.tailCursor.follow = true }
        if pane == .events { state.eventCursor.follow = true }
    }
}
