import ArgumentParser
import SamsaClient

/// `samsa configs --entity-type users`: SCRAM credentials, as kafka-configs manages them over the wire.
extension ConfigsCommand {
    func validateUsers() throws {
        if entityDefault {
            throw ValidationError("The use of --entity-default or --user-defaults is not allowed with User SCRAM Credentials using --bootstrap-server.")
        }
        if all { throw ValidationError("--all applies to topics and brokers only.") }
        if alter {
            guard let entityName, !entityName.isEmpty else { throw ValidationError("--alter needs --entity-name for users.") }
            if addConfig == nil && deleteConfig == nil { throw ValidationError("--alter needs --add-config or --delete-config.") }
            _ = try userAlterations(entityName)
        } else if addConfig != nil || deleteConfig != nil {
            throw ValidationError("--add-config and --delete-config only apply to --alter.")
        }
    }

    func userAlterations(_ user: String) throws -> [UserScramCredentialAlteration] {
        try ScramConfigsFormat.alterations(user: user, added: try ConfigsFormat.parseAdded(addConfig ?? ""),
                                           deleted: ConfigsFormat.parseDeleted(deleteConfig ?? ""))
    }

    /// One request per alteration: a Kafka controller refuses a user named twice in one request
    /// (DUPLICATE_RESOURCE), so both mechanisms of one user cannot go together.
    func alterUsers(_ admin: Admin) async throws {
        let user = entityName ?? ""
        for alteration in try userAlterations(user) {
            if let refusal = try await admin.alterUserScramCredentials([alteration])[user] { throw refusal }
        }
        print("Completed updating config for user \(user).")
    }

    func describeUsers(_ admin: Admin) async throws {
        for description in try await admin.describeUserScramCredentials(entityName.map { [$0] }) {
            if let line = ScramConfigsFormat.describeLine(description) { print(line) }
        }
    }
}
