/// The segments overlay: `v` on a partition lists its segment files on the leader, Enter shows one
/// segment's batches as dump-log prints them, `p` adds keys and payloads, Esc goes back.
extension Workbench {
    /// The message attach mode gets: only the embedded cluster's files are on this machine.
    static let segmentsNeedEmbedded =
        "Segments are only visible for the embedded cluster: attached, the workbench reads over the wire and cannot see a broker's files."

    func showSegments() -> [Effect] {
        guard snapshot.mode == .embedded else {
            setStatus(Self.segmentsNeedEmbedded, .info)
            return []
        }
        guard let topic = selectedTopic, topic.partitions.indices.contains(state.selectedPartition) else {
            setStatus("Select a partition first.", .info)
            return []
        }
        let partition = topic.partitions[state.selectedPartition].index
        state.overlay = .segments(SegmentsView(topic: topic.name, partition: partition))
        return perform(.listSegments(topic: topic.name, partition: partition))
    }

    func handleSegments(_ key: Key, view: inout SegmentsView) -> [Effect] {
        let page = max(1, rows - 8)
        let command = keyMap.command(for: key, in: .overlay) ?? keyMap.command(for: key, in: .global)
        if view.batches != nil {
            switch (key, command) {
            case (.escape, _), (.backspace, _), (_, .focusPrevious?):
                view.batches = nil
                view.scroll = 0
            case (.char("p"), _):
                guard let batches = view.batches else { break }
                state.overlay = .segments(view)
                return perform(.dumpSegment(topic: view.topic, partition: view.partition, baseOffset: batches.baseOffset,
                                            printData: !batches.printData))
            case (_, .moveDown?), (_, .nextField?): view.scroll(by: 1, page: 1)
            case (_, .moveUp?), (_, .previousField?): view.scroll(by: -1, page: 1)
            case (_, .pageDown?): view.scroll(by: page, page: 1)
            case (_, .pageUp?): view.scroll(by: -page, page: 1)
            case (_, .moveTop?): view.scroll = 0
            case (_, .moveBottom?): view.scroll = Int.max / 2
            case (_, .quit?): state.overlay = nil; return []
            default: break
            }
            state.overlay = .segments(view)
            return []
        }
        switch (key, command) {
        case (.escape, _), (_, .quit?), (_, .cancel?):
            state.overlay = nil
            return []
        case (_, .moveDown?), (_, .nextField?): view.moveSelection(by: 1)
        case (_, .moveUp?), (_, .previousField?): view.moveSelection(by: -1)
        case (_, .pageDown?): view.moveSelection(by: page)
        case (_, .pageUp?): view.moveSelection(by: -page)
        case (_, .moveTop?): view.moveSelection(by: Int.min / 2)
        case (_, .moveBottom?): view.moveSelection(by: Int.max / 2)
        case (.char("r"), _):
            state.overlay = .segments(view)
            return perform(.listSegments(topic: view.topic, partition: view.partition))
        case (_, .confirm?), (_, .open?), (_, .focusNext?):
            guard let segment = view.selectedSegment else { break }
            view.loadingSegment = segment.baseOffset
            state.overlay = .segments(view)
            return perform(.dumpSegment(topic: view.topic, partition: view.partition, baseOffset: segment.baseOffset, printData: false))
        default: break
        }
        state.overlay = .segments(view)
        return []
    }

    /// A listing or a dump arrived: shown if the overlay is still open on that partition.
    func receivedSegments(_ outcome: ActionOutcome) {
        guard case .segments(var view)? = state.overlay else { return }
        switch outcome.action {
        case .listSegments(let topic, let partition) where topic == view.topic && partition == view.partition:
            if let listing = outcome.segmentListing {
                view.listing = listing
                view.error = nil
                view.selected = min(view.selected, max(0, listing.segments.count - 1))
            } else if outcome.isError {
                view.error = outcome.message
            }
        case .dumpSegment(let topic, let partition, _, _) where topic == view.topic && partition == view.partition:
            view.loadingSegment = nil
            if let batches = outcome.segmentBatches {
                if view.batches?.baseOffset != batches.baseOffset { view.scroll = 0 }
                view.batches = batches
                view.error = nil
            } else if outcome.isError {
                view.error = outcome.message
            }
        default:
            return
        }
        state.overlay = .segments(view)
    }
}
