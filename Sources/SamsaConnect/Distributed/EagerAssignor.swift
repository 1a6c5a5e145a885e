/// The leader's assignment as Kafka's `EagerAssignor`: members sorted by id, connectors sorted by name, then
/// round robin over the members with one iterator, all connectors first and then every task (assigning a
/// connector and its tasks together would leave odd workers with only tasks in even-sized groups).
public struct EagerAssignor: Sendable {
    public init() {}

    /// - Parameters:
    ///   - members: member id → its metadata.
    ///   - connectors: the connectors in the config snapshot, with the task count each has committed.
    public func assign(leaderId: String, members: [String: ConnectProtocol.WorkerState], configOffset: Int64,
                       connectors: [String: Int]) -> [String: ConnectProtocol.Assignment] {
        let leaderUrl = members[leaderId]?.url ?? ""
        var result: [String: ConnectProtocol.Assignment] = [:]
        for member in members.keys {
            result[member] = ConnectProtocol.Assignment(leader: leaderId, leaderUrl: leaderUrl, configOffset: configOffset)
        }
        // A member that has read further in the config topic than the leader: everyone must catch up and rejoin.
        if members.values.contains(where: { $0.configOffset > configOffset }) {
            for member in members.keys { result[member]?.error = ConnectProtocol.Assignment.configMismatch }
            return result
        }
        let order = members.keys.sorted()
        guard !order.isEmpty else { return result }
        var next = 0
        func nextMember() -> String {
            defer { next = (next + 1) % order.count }
            return order[next]
        }
        let names = connectors.keys.sorted()
        for name in names { result[nextMember()]?.connectors.append(name) }
        for name in names {
            for task in 0..<(connectors[name] ?? 0) {
                result[nextMember()]?.tasks.append(ConnectorTaskId(connector: name, task: task))
            }
        }
        return result
    }
}
