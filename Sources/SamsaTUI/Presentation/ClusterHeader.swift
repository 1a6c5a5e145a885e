/// The one-line cluster summary at the top: mode, cluster id, each broker's state, the controller and
/// the health of the partitions.
enum ClusterHeader {
    static func spans(_ snapshot: WorkbenchSnapshot, glyphs: Glyphs) -> [Span] {
        let base = Style(.headerFg, on: .headerBg)
        var spans = [Span(" samsa ", Style(.title, on: .headerBg, [.bold]))]
        switch snapshot.mode {
        case .embedded: spans.append(Span("embedded ", base))
        case .attached(let bootstrap): spans.append(Span("attached to \(bootstrap) ", base))
        }
        if !snapshot.clusterId.isEmpty {
            spans.append(Span("cluster \(snapshot.clusterId.prefix(8)) ", Style(.inactiveFg, on: .headerBg)))
        }
        spans.append(Span("\(glyphs.vertical) brokers ", base))
        if snapshot.brokers.isEmpty { spans.append(Span("none known ", Style(.warning, on: .headerBg))) }
        for broker in snapshot.brokers {
            let mark = broker.isUp ? glyphs.up : glyphs.down
            let style = broker.isUp ? Style(.brokerUp, on: .headerBg, [.bold]) : Style(.brokerDown, on: .headerBg, [.bold])
            let state = broker.isUp ? "" : " " + broker.state.rawValue
            spans.append(Span("\(mark)\(broker.id)\(state)", style))
            if broker.isController { spans.append(Span(glyphs.controller, Style(.controller, on: .headerBg, [.bold]))) }
            spans.append(Span(" ", base))
        }
        let partitions = snapshot.topics.reduce(0) { $0 + $1.partitions.count }
        let under = snapshot.topics.reduce(0) { $0 + $1.underReplicatedCount }
        let offline = snapshot.topics.reduce(0) { $0 + $1.offlineCount }
        spans.append(Span("\(glyphs.vertical) \(Format.counted(snapshot.topics.count, "topic")), \(Format.counted(partitions, "partition")) ", base))
        if under > 0 { spans.append(Span("\(under) under-replicated ", Style(.outOfSync, on: .headerBg, [.bold]))) }
        if offline > 0 { spans.append(Span("\(offline) offline ", Style(.offline, on: .headerBg, [.bold]))) }
        if under == 0 && offline == 0 && partitions > 0 { spans.append(Span("all in sync ", Style(.success, on: .headerBg))) }
        return spans
    }
}
