extension EmbeddedSource {
    /// The engine's recent events as event-log lines (one per cause: ``EventDigest``), rebuilt only when the
    /// engine has told something new: the refresher asks ten times a second.
    func engineEventLines() -> [ClusterEvent] {
        let latest = cluster.events.latestSequence
        if let cached = eventLines.withLock({ $0.sequence == latest ? $0.lines : nil }) { return cached }
        let lines = EngineSnapshotMapping.recentEvents(cluster.events.since(), limit: Self.eventWindow)
        // Events told while these were read are newer than `latest`: the next call reads again.
        eventLines.withLock { $0 = (latest, lines) }
        return lines
    }
}
