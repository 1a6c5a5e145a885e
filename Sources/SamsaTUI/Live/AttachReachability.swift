import Foundation

/// Whether an attached cluster answers the workbench's reads. Reads are numbered (they can finish out of
/// order), so a failure that finishes after a later read succeeded does not mark the cluster as silent.
struct AttachReachability: Sendable {
    private(set) var lastGoodRead: Date?
    private(set) var failingSince: Date?
    private(set) var reason = ""
    private var lastGoodBuild: UInt64 = 0

    /// What the snapshot says while reads fail; nil while the cluster answers.
    var notAnswering: NotAnswering? {
        failingSince.map { NotAnswering(lastGoodRead: lastGoodRead, failingSince: $0, reason: reason) }
    }

    /// Read `build` succeeded at `now`. Returns the "reconnected" event when the cluster had stopped answering.
    mutating func answered(build: UInt64, at now: Date, bootstrap: String) -> ClusterEvent? {
        guard build > lastGoodBuild else { return nil }
        lastGoodBuild = build
        let silent = notAnswering
        lastGoodRead = now
        failingSince = nil
        guard let silent else { return nil }
        return ClusterEvent(time: now, kind: .brokerUp, text: "Reconnected to \(bootstrap) after not answering since \(Format.clock(silent.since))")
    }

    /// Read `build` failed at `now`; false when a later read already succeeded (this failure is old news).
    mutating func failed(build: UInt64, at now: Date, reason: String) -> Bool {
        guard build > lastGoodBuild else { return false }
        if failingSince == nil { failingSince = now }
        self.reason = reason
        return true
    }
}
