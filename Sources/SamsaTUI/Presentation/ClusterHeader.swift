/// The one-line cluster summary at the top: mode and bootstrap address, cluster id, each broker's state, the
/// controller and the health of the partitions. When the line is too narrow, the least useful parts shorten
/// first (cluster id, topic counts, broker states) so the health counts always fit.
enum ClusterHeader {
    static func spans(_ snapshot: WorkbenchSnapshot, glyphs: Glyphs, width: Int = .max) -> [Span] {
        let base = Style(.headerFg, on: .headerBg)
        var parts = [BarPart(priority: 100, [[Span(" samsa ", Style(.title, on: .headerBg, [.bold]))]])]
        switch snapshot.mode {
        case .embedded:
            let address = BootstrapAddress.text(snapshot.brokers)
            if address.isEmpty {
                parts.append(BarPart(priority: 100, [[Span("embedded ", base)]]))
            } else {
                parts.append(BarPart(priority: 50, [[Span("embedded ", base)], []]))
                parts.append(BarPart(priority: 80, [[Span(address + " ", base)], [Span(DisplayWidth.truncate(address, to: 16) + " ", base)]]))
            }
        case .attached(let bootstrap):
            parts.append(BarPart(priority: 80, [[Span("attached to \(bootstrap) ", base)],
                                                [Span(DisplayWidth.truncate(bootstrap, to: 24) + " ", base)]]))
        }
        if !snapshot.clusterId.isEmpty {
            parts.append(.optional(10, [Span("cluster \(snapshot.clusterId.prefix(8)) ", Style(.inactiveFg, on: .headerBg))]))
        }
        parts.append(contentsOf: brokers(snapshot, glyphs: glyphs, base: base))
        parts.append(contentsOf: health(snapshot, glyphs: glyphs, base: base))
        return BarFit.fit(parts, width: width)
    }

    /// `│ brokers ▲0♛ ▲1 ▼2 crashed`; while an attached cluster does not answer, every broker is unknown
    /// (`?0 ?1`) and the line says since when.
    private static func brokers(_ snapshot: WorkbenchSnapshot, glyphs: Glyphs, base: Style) -> [BarPart] {
        var full = [Span("\(glyphs.vertical) brokers ", base)]
        if snapshot.brokers.isEmpty { full.append(Span("none known ", Style(.warning, on: .headerBg))) }
        var short = full
        let unknown = snapshot.notAnswering != nil
        for broker in snapshot.brokers {
            let mark = unknown ? "?" : broker.isUp ? glyphs.up : glyphs.down
            let style = unknown ? Style(.inactiveFg, on: .headerBg, [.bold])
                : broker.isUp ? Style(.brokerUp, on: .headerBg, [.bold]) : Style(.brokerDown, on: .headerBg, [.bold])
            let state = broker.isUp || unknown ? "" : " " + broker.state.rawValue
            full.append(Span("\(mark)\(broker.id)\(state)", style))
            short.append(Span("\(mark)\(broker.id)", style))
            if broker.isController && !unknown {
                full.append(Span(glyphs.controller, Style(.controller, on: .headerBg, [.bold])))
                short.append(Span(glyphs.controller, Style(.controller, on: .headerBg, [.bold])))
            }
            full.append(Span(" ", base))
            short.append(Span(" ", base))
        }
        // A down broker keeps its ▼ when its state word goes; the marks themselves always stay.
        var parts = [BarPart(priority: 70, [full, short])]
        if let silent = snapshot.notAnswering {
            parts.append(BarPart(priority: 95, [[Span("\(glyphs.vertical) not answering since \(Format.clock(silent.since)) ",
                                                      Style(.error, on: .headerBg, [.bold]))]]))
        }
        return parts
    }

    /// `│ 3 topics, 104 partitions 54 under-replicated 1 offline`, or `all in sync`.
    private static func health(_ snapshot: WorkbenchSnapshot, glyphs: Glyphs, base: Style) -> [BarPart] {
        let partitions = snapshot.topics.reduce(0) { $0 + $1.partitions.count }
        let under = snapshot.topics.reduce(0) { $0 + $1.underReplicatedCount }
        let offline = snapshot.topics.reduce(0) { $0 + $1.offlineCount }
        let counts = "\(Format.counted(snapshot.topics.count, "topic")), \(Format.counted(partitions, "partition")) "
        var parts = [BarPart(priority: 20, [[Span("\(glyphs.vertical) \(counts)", base)],
                                            [Span("\(glyphs.vertical) \(Format.counted(partitions, "partition")) ", base)],
                                            [Span("\(glyphs.vertical) ", base)]])]
        if under > 0 { parts.append(BarPart(priority: 99, [[Span("\(under) under-replicated ", Style(.outOfSync, on: .headerBg, [.bold]))]])) }
        if offline > 0 { parts.append(BarPart(priority: 99, [[Span("\(offline) offline ", Style(.offline, on: .headerBg, [.bold]))]])) }
        if under == 0 && offline == 0 && partitions > 0 {
            parts.append(BarPart(priority: 60, [[Span("all in sync ", Style(.success, on: .headerBg))]]))
        }
        return parts
    }
}
