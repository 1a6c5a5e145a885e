/// One broker as the workbench sees it.
public struct BrokerStatus: Sendable, Equatable {
    public enum State: String, Sendable, Equatable, CaseIterable {
        case up, stopped, crashed, isolated
    }

    public let id: Int32
    public let host: String
    public let port: Int
    public let state: State
    public let isController: Bool

    public init(id: Int32, host: String, port: Int, state: State, isController: Bool) {
        self.id = id
        self.host = host
        self.port = port
        self.state = state
        self.isController = isController
    }

    public var address: String { "\(host):\(port)" }
    public var isUp: Bool { state == .up }
}
