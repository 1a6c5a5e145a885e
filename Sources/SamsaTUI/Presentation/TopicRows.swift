/// Rows of the topics list.
struct TopicRow: Equatable {
    enum Health: Equatable {
        case healthy
        case underReplicated(Int)
        case offline(Int)
    }

    let name: String
    let partitions: Int
    let replicationFactor: Int
    let records: Int64
    let isInternal: Bool
    let health: Health

    init(_ topic: TopicStatus) {
        name = topic.name
        partitions = topic.partitions.count
        replicationFactor = topic.replicationFactor
        records = topic.recordCount
        isInternal = topic.isInternal
        let offline = topic.offlineCount
        let under = topic.underReplicatedCount
        health = offline > 0 ? .offline(offline) : under > 0 ? .underReplicated(under) : .healthy
    }

    static let header = ["Topic", "P", "RF", "Records", ""]

    /// The cells of this row and the style of its health mark.
    func cells(glyphs: Glyphs) -> (name: String, partitions: String, rf: String, records: String, health: Span) {
        let mark: Span
        switch health {
        case .healthy: mark = Span(glyphs.follower, Style(.success))
        case .underReplicated(let n): mark = Span("\(glyphs.outOfSync)\(n)", Style(.outOfSync, on: .mainBg, [.bold]))
        case .offline(let n): mark = OfflineMark.spans(String(n), glyphs: glyphs)[0]
        }
        return (isInternal ? name + " (internal)" : name, String(partitions), String(replicationFactor),
                Format.compact(records), mark)
    }
}

extension TopicRow {
    /// What an empty topics list says. Attached, Metadata leaves out the topics the principal may not
    /// Describe (Kafka's rule), so an empty list says that rather than claiming the cluster has none.
    static func emptyList(filtered: Bool, hidden: Int, snapshot: WorkbenchSnapshot) -> String {
        if filtered { return "No topic matches the filter." }
        if hidden > 0 { return "No topics of yours yet (\(hidden) internal hidden: a shows them). Press c to create one." }
        if !snapshot.mode.offersFaults && snapshot.notAnswering == nil && snapshot.topics.isEmpty {
            return "No topics visible: the list holds only topics this user may describe. Press c to create one."
        }
        return "No topics yet. Press c to create one."
    }
}
