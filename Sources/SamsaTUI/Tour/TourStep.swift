/// What a doing-step's check sees: the snapshot when the step began, the snapshot now, and the topic the
/// tour is following (the one created in the first doing-step).
struct TourContext {
    let baseline: WorkbenchSnapshot
    let now: WorkbenchSnapshot
    let topic: String?
}

/// One step of the guided tour: explanation only (advance with a key), or something to do, checked
/// against the snapshot.
struct TourStep {
    enum Kind {
        case learn
        case doing(check: @Sendable (TourContext) -> Bool)
    }

    let id: String
    let title: Localized
    let body: Localized
    /// For doing-steps: how to do it with the workbench's keys.
    let howTo: Localized?
    let kind: Kind

    var isDoing: Bool {
        if case .doing = kind { return true }
        return false
    }

    func isSatisfied(_ context: TourContext) -> Bool {
        switch kind {
        case .learn: true
        case .doing(let check): check(context)
        }
    }
}
