/// Where the person is in the tour. Doing-steps complete when their check passes on a snapshot; the
/// person then moves on with `n`. Learning steps move on at once.
struct TourProgress {
    let steps: [TourStep]
    private(set) var index = 0
    private(set) var baseline: WorkbenchSnapshot
    private(set) var satisfied = false
    /// The topic the tour follows once one is created.
    private(set) var topic: String?

    init(steps: [TourStep] = TourSteps.all, snapshot: WorkbenchSnapshot) {
        self.steps = steps
        baseline = snapshot
        satisfied = steps.first.map { !$0.isDoing } ?? true
    }

    var step: TourStep { steps[index] }
    var isLast: Bool { index == steps.count - 1 }

    /// Checks the current doing-step against a new snapshot; returns true when it just became satisfied.
    @discardableResult
    mutating func observe(_ snapshot: WorkbenchSnapshot) -> Bool {
        if topic == nil || snapshot.topic(named: topic!) == nil { topic = TourSteps.followedTopic(in: snapshot, baseline: baseline) ?? topic }
        guard !satisfied else { return false }
        if step.isSatisfied(TourContext(baseline: baseline, now: snapshot, topic: topic)) {
            satisfied = true
            return true
        }
        return false
    }

    /// Moves to the next step if the current one is done; returns whether it moved.
    @discardableResult
    mutating func next(_ snapshot: WorkbenchSnapshot) -> Bool {
        guard satisfied, !isLast else { return false }
        index += 1
        begin(snapshot)
        return true
    }

    @discardableResult
    mutating func back(_ snapshot: WorkbenchSnapshot) -> Bool {
        guard index > 0 else { return false }
        index -= 1
        begin(snapshot)
        return true
    }

    private mutating func begin(_ snapshot: WorkbenchSnapshot) {
        baseline = snapshot
        satisfied = !step.isDoing
        observe(snapshot)
    }
}
