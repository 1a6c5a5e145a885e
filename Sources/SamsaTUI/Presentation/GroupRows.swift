/// Rows of the consumer-groups pane and the selected group's details.
struct GroupRow: Equatable {
    let id: String
    let state: String
    let assignor: String
    let generation: Int32
    let members: Int
    let idleMembers: Int
    let totalLag: Int64

    init(_ group: GroupStatus) {
        id = group.id
        state = group.state.name
        assignor = group.assignor
        generation = group.generation
        members = group.members.count
        idleMembers = group.members.count { $0.isIdle }
        totalLag = group.totalLag
    }

    /// Lag at or above this many records is shown as high.
    static let highLag: Int64 = 1000

    static func lagStyle(_ lag: Int64?) -> Style {
        guard let lag else { return Style(.inactiveFg) }
        return lag >= highLag ? Style(.lagHigh, on: .mainBg, [.bold]) : Style(.lagLow)
    }

    static func stateStyle(_ state: GroupStatus.State) -> Style {
        switch state {
        case .stable: Style(.success)
        case .preparingRebalance, .completingRebalance: Style(.warning, on: .mainBg, [.bold])
        case .empty, .dead, .unknown: Style(.inactiveFg)
        }
    }
}
