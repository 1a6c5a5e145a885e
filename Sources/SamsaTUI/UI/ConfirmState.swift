/// A yes/no question before something destructive.
struct ConfirmState: Equatable {
    enum Then: Equatable {
        case run(WorkbenchAction)
        case quit
    }

    let question: String
    let then: Then
}
