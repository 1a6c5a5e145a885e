/// The producer pane's state: the typed text, acks and partitioning, and the answer to the last send.
struct ProducerInput: Equatable {
    var text = ""
    var acks: Acks = .leader
    var partitioning: PartitionChoice = .sticky
    /// The outcome of the last send: ("✓ partition 2, offset 17", false) or (an error, true).
    var lastResult: (text: String, isError: Bool)?
    var sending = 0
    /// The transaction records go into, while one is open.
    var transaction: ProducerTransaction?

    static func == (lhs: ProducerInput, rhs: ProducerInput) -> Bool {
        lhs.text == rhs.text && lhs.acks == rhs.acks && lhs.partitioning == rhs.partitioning
            && lhs.lastResult?.text == rhs.lastResult?.text && lhs.lastResult?.isError == rhs.lastResult?.isError
            && lhs.sending == rhs.sending && lhs.transaction == rhs.transaction
    }

    /// Splits typed text into key and value: "key:value" has a key, text without a colon is a value only,
    /// "\:" is a literal colon, and ":value" means no key. nil for empty input.
    static func parse(_ text: String) -> (key: String?, value: String)? {
        guard !text.isEmpty else { return nil }
        var key: String?
        var current = ""
        var escaped = false
        for character in text {
            if escaped {
                if character != ":" && character != "\\" { current.append("\\") }
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" && key == nil {
                key = current
                current = ""
            } else {
                current.append(character)
            }
        }
        if escaped { current.append("\\") }
        return (key.flatMap { $0.isEmpty ? nil : $0 }, current)
    }

    /// The request to send to `topic`, or a sentence saying why it cannot be sent.
    func request(topic: String?, partitionCount: Int) -> Result<ProduceRequest, WorkbenchError> {
        guard let topic else { return .failure(WorkbenchError("Select a topic in the Topics pane first.")) }
        guard let (key, value) = ProducerInput.parse(text) else {
            return .failure(WorkbenchError("Type a value, or key:value, then press Enter."))
        }
        if case .explicit(let partition) = partitioning, partition >= partitionCount {
            return .failure(WorkbenchError("Topic \(topic) has no partition \(partition)."))
        }
        // Inside a transaction the producer is idempotent, which needs acks=all.
        guard let transaction, transaction.takesRecords else {
            return .success(ProduceRequest(topic: topic, key: key, value: value, acks: acks, partitioning: partitioning))
        }
        return .success(ProduceRequest(topic: topic, key: key, value: value, acks: .all, partitioning: partitioning,
                                       transactionalId: transaction.id))
    }

    /// acks 1 → all → 0 → 1.
    mutating func cycleAcks() {
        acks = switch acks {
        case .leader: .all
        case .all: .none
        case .none: .leader
        }
    }

    /// sticky → key hash → partition 0 → … → partition n−1 → sticky.
    mutating func cyclePartitioning(partitionCount: Int) {
        switch partitioning {
        case .sticky: partitioning = .byKey
        case .byKey: partitioning = partitionCount > 0 ? .explicit(0) : .sticky
        case .explicit(let p): partitioning = Int(p) + 1 < partitionCount ? .explicit(p + 1) : .sticky
        }
    }
}
