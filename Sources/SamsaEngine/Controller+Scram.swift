import SamsaProtocol

extension Controller {
    /// Every user's SCRAM credentials as the metadata holds them.
    public var scramCredentials: [String: [ScramMechanism: ScramCredential]] { snapshot().scramCredentialTable }

    /// Replaces the credentials of each user in `users` (an empty set removes the user) and persists them in
    /// one journaled change.
    func setScramCredentials(_ users: [String: [ScramMechanism: ScramCredential]]) throws {
        try mutateMetadata { metadata in
            var all = metadata.scramCredentials ?? [:]
            for (user, credentials) in users {
                let stored = Dictionary(uniqueKeysWithValues: credentials.map { ($0.key.mechanismName, StoredScramCredential($0.value)) })
                all[user] = stored.isEmpty ? nil : stored
            }
            metadata.scramCredentials = all.isEmpty ? nil : all
        }
    }
}
