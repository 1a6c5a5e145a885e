/// The producer input: typed characters go into the text (so "q" is a letter here, not quit), and its
/// own bindings send, cycle acks and partitioning, clear and leave.
extension Workbench {
    /// Handles `key` if it is typing; nil lets the key map handle it.
    func handleProducerTyping(_ key: Key) -> [Effect]? {
        switch key {
        case .char(let c):
            state.producer.text.append(c)
            return []
        case .backspace:
            if !state.producer.text.isEmpty { state.producer.text.removeLast() }
            return []
        case .left, .right, .up, .down:
            return []
        default:
            return nil
        }
    }

    /// The typed text as a record to send (the input then empties), or why it cannot be sent (the input
    /// keeps it, to be fixed).
    func takeRecord() -> Result<Effect, WorkbenchError> {
        let partitions = selectedTopic?.partitions.count ?? 0
        return state.producer.request(topic: selectedTopic?.name, partitionCount: partitions).map { request in
            state.producer.text = ""
            state.producer.sending += 1
            state.pending += 1
            return .perform(.produce(request))
        }
    }

    func runProducer(_ command: Command) -> [Effect] {
        let partitions = selectedTopic?.partitions.count ?? 0
        switch command {
        case .send:
            switch takeRecord() {
            case .success(let effect): return [effect]
            case .failure(let error): state.producer.lastResult = ("✕ " + error.message, true)
            }
        case .cycleAcks: state.producer.cycleAcks()
        case .cyclePartitioning: state.producer.cyclePartitioning(partitionCount: partitions)
        case .clearInput: state.producer.text = ""
        case .leaveInput:
            state.focus = .topics
            relayout()
        default: break
        }
        return []
    }
}
