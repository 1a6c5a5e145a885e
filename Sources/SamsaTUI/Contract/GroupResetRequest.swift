import SamsaClient

/// An offset reset as `kafka-consumer-groups --reset-offsets` takes it: one scenario and a scope.
public struct GroupResetRequest: Sendable, Equatable {
    /// Every scenario of the tool; `byDuration` is resolved against the clock when the plan is made.
    public enum Scenario: Sendable, Equatable {
        case earliest, latest, current
        case offset(Int64)
        /// Epoch milliseconds (`--to-datetime`).
        case datetime(Int64)
        case shiftBy(Int64)
        /// Milliseconds back from now (`--by-duration`).
        case byDuration(Int64)

        /// The plan's scenario, `now` in epoch milliseconds.
        public func resolved(now: Int64) -> OffsetResetScenario {
            switch self {
            case .earliest: .earliest
            case .latest: .latest
            case .current: .current
            case .offset(let offset): .offset(offset)
            case .datetime(let time): .datetime(time)
            case .shiftBy(let delta): .shiftBy(delta)
            case .byDuration(let millis): .datetime(now - millis)
            }
        }
    }

    /// `--all-topics` (every partition the group committed), `--topic T` or `--topic T:p`.
    public enum Scope: Sendable, Equatable {
        case allTopics
        case topic(String)
        case partition(String, Int32)

        /// The `--topic` values of this scope (none for all topics).
        public var topicArguments: [String] {
            switch self {
            case .allTopics: []
            case .topic(let topic): [topic]
            case .partition(let topic, let partition): ["\(topic):\(partition)"]
            }
        }
    }

    public var scenario: Scenario
    public var scope: Scope

    public init(_ scenario: Scenario, scope: Scope = .allTopics) {
        self.scenario = scenario
        self.scope = scope
    }
}
