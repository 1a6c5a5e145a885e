/// A herder that creates a connector straight in KIP-980's `initial_state` (`POST /connectors` with
/// `"initial_state": "PAUSED"|"STOPPED"`), so its tasks never start. For other herders the REST layer
/// creates the connector and then pauses or stops it.
public protocol InitialStateHerder: Herder {
    func putConnectorConfig(_ name: String, config: [String: String], initialState: TargetState?,
                            allowReplace: Bool) async throws -> (created: Bool, info: ConnectorInfo)
}

extension StandaloneHerder: InitialStateHerder {}
