/// Internal topics (`__consumer_offsets`, `__transaction_state`, any other `__` topic) are the cluster's
/// bookkeeping: the topics pane hides them until `a` shows them, and nothing selects one by default.
extension Workbench {
    func isTopicShown(_ index: Int) -> Bool {
        state.showInternalTopics || !snapshot.topics[index].isHiddenByDefault
    }

    /// How many topics the pane leaves out right now.
    var hiddenTopicCount: Int {
        state.showInternalTopics ? 0 : snapshot.topics.count { $0.isHiddenByDefault }
    }

    var isSelectedTopicShown: Bool {
        guard let name = state.selectedTopic, let index = snapshot.topics.firstIndex(where: { $0.name == name }) else { return false }
        return isTopicShown(index)
    }

    /// Selects the first listed topic that is the user's own (an internal one only when nothing else is listed).
    func selectFirstUserTopic() {
        let listed = visibleIndexes(.topics)
        let first = listed.first { !snapshot.topics[$0].isHiddenByDefault } ?? listed.first
        state.selectedTopic = first.map { snapshot.topics[$0].name }
        state.selectedPartition = 0
    }

    func toggleInternalTopics() {
        state.showInternalTopics.toggle()
        let count = snapshot.topics.count { $0.isHiddenByDefault }
        if state.showInternalTopics {
            setStatus("Showing \(Format.counted(count, "internal topic")); a hides them again.", .info)
        } else {
            setStatus("\(Format.counted(count, "internal topic")) hidden; a shows them.", .info)
            if !isSelectedTopicShown { selectFirstUserTopic() }
        }
    }
}

extension TopicStatus {
    /// Kafka's internal topics and, by the same convention, any topic whose name starts with `__`.
    var isHiddenByDefault: Bool { isInternal || name.hasPrefix("__") }
}
