/// Keeping the window bounded and the shown range and cursor consistent after rows change.
extension BrowserModel {
    /// Drops rows beyond `capacity` on the side away from the cursor; each partition that loses rows keeps
    /// a contiguous loaded range (its `low`/`high` move), so scrolling back reads them again.
    mutating func trim() {
        let excess = rows.count - capacity
        guard excess > 0 else { return }
        let position = cursor ?? (follow ? rows.count - 1 : 0)
        if position >= rows.count / 2 {
            var cut: [Int32: Int64] = [:]
            for row in rows[..<excess] { cut[row.partition] = max(cut[row.partition] ?? .min, row.offset + 1) }
            rows.removeAll { row in cut[row.partition].map { row.offset < $0 } ?? false }
            for index in lanes.indices { if let low = cut[lanes[index].partition] { lanes[index].low = low } }
        } else {
            var cut: [Int32: Int64] = [:]
            for row in rows[(rows.count - excess)...] { cut[row.partition] = min(cut[row.partition] ?? .max, row.offset) }
            rows.removeAll { row in cut[row.partition].map { row.offset >= $0 } ?? false }
            for index in lanes.indices { if let high = cut[lanes[index].partition] { lanes[index].high = high } }
        }
        revision += 1
    }

    /// Recomputes each partition's loaded timestamps and the shown range, and puts the cursor back on the
    /// row it was on (or the nearest one still shown).
    mutating func refresh(keeping key: RowKey?) {
        var first: [Int32: Int64] = [:], last: [Int32: Int64] = [:]
        for row in rows {
            first[row.partition] = min(first[row.partition] ?? .max, row.timestamp)
            last[row.partition] = max(last[row.partition] ?? .min, row.timestamp)
        }
        for index in lanes.indices {
            lanes[index].firstTimestamp = first[lanes[index].partition]
            lanes[index].lastTimestamp = last[lanes[index].partition]
        }
        shown = shownRange()
        if follow, !shown.isEmpty, landing == nil {
            cursor = shown.upperBound - 1
            return
        }
        guard let key else {
            cursor = shown.isEmpty || landing != nil ? nil : shown.lowerBound
            return
        }
        if let index = rows.firstIndex(where: { $0.partition == key.partition && $0.offset == key.offset }), shown.contains(index) {
            cursor = index
        } else if shown.isEmpty {
            cursor = nil
        } else {
            let after = rows[shown].firstIndex { ($0.partition == key.partition && $0.offset > key.offset) }
            cursor = after ?? shown.upperBound - 1
        }
    }

    private func shownRange() -> Range<Int> {
        guard merges, !rows.isEmpty else { return 0..<rows.count }
        guard lanes.allSatisfy(\.located) else { return 0..<0 }
        let front = lanes.filter { !$0.atEnd }.map(\.frontLimit).min() ?? .max
        let back = lanes.filter { !$0.atStart }.map(\.backLimit).max() ?? .min
        guard back <= front else { return 0..<0 }
        let lower = rows.firstIndex { $0.timestamp >= back } ?? rows.count
        let upper = rows.lastIndex { $0.timestamp <= front }.map { $0 + 1 } ?? 0
        return lower < upper ? lower..<upper : 0..<0
    }

    /// Puts the cursor where the seek asked, once its first reads are in.
    mutating func land(_ target: BrowserSeek) {
        guard !shown.isEmpty || lanes.allSatisfy({ $0.atStart && $0.atEnd }) else { return }
        landing = nil
        guard !shown.isEmpty else {
            cursor = nil
            return
        }
        switch target {
        case .earliest: cursor = shown.lowerBound
        case .latest: cursor = shown.upperBound - 1
        case .offset(let offset):
            cursor = rows[shown].firstIndex { $0.offset >= offset } ?? shown.upperBound - 1
        case .timestamp(let millis):
            cursor = rows[shown].firstIndex { $0.timestamp >= millis } ?? shown.upperBound - 1
        }
    }
}
