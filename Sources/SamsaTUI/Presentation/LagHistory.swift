import DequeModule
import Foundation

/// Total lag per group sampled over time from successive snapshots, in fixed-size ring buffers,
/// for the lag sparklines.
struct LagHistory {
    let capacity: Int
    /// The shortest time between two samples; snapshots arriving faster are skipped.
    let interval: TimeInterval
    private(set) var samples: [String: Deque<Int64>] = [:]
    private var lastSample: Date?

    init(capacity: Int = 120, interval: TimeInterval = 1) {
        self.capacity = max(1, capacity)
        self.interval = interval
    }

    /// Samples every group's total lag if `interval` has passed; returns whether it sampled.
    @discardableResult
    mutating func record(_ snapshot: WorkbenchSnapshot, at time: Date) -> Bool {
        if let lastSample, time.timeIntervalSince(lastSample) < interval { return false }
        lastSample = time
        var present = Set<String>()
        for group in snapshot.groups {
            present.insert(group.id)
            samples[group.id, default: []].append(group.totalLag)
            if samples[group.id]!.count > capacity { samples[group.id]!.removeFirst() }
        }
        for id in samples.keys where !present.contains(id) { samples[id] = nil }
        return true
    }

    func history(of group: String) -> Deque<Int64> { samples[group] ?? [] }
}
