import SamsaProtocol

/// SCRAM credentials as cluster state (Kafka's ScramControlManager and ScramImage): validated, journaled in
/// the controller's metadata, then put in `scramCredentials`, which every broker's SASL checks read.
extension Cluster {
    typealias ScramDeletion = AlterUserScramCredentialsRequest.Deletion
    typealias ScramUpsertion = AlterUserScramCredentialsRequest.Upsertion

    /// AlterUserScramCredentials: each user named is refused or changed on its own, one result per user;
    /// the changes that pass are journaled together. A user named twice (either list) is refused.
    @discardableResult
    public func alterScramCredentials(deletions: [AlterUserScramCredentialsRequest.Deletion],
                                      upsertions: [AlterUserScramCredentialsRequest.Upsertion]) throws -> [AlterUserScramCredentialsResponse.Result] {
        try changeLock.withLock { _ in
            let current = controller.scramCredentials
            var order: [String] = []
            var errors: [String: (ErrorCode, String)] = [:]
            var accepted: [String: (ScramMechanism, ScramUpsertion?)] = [:]
            func consider(_ user: String, _ mechanismCode: Int8, _ upsertion: ScramUpsertion?) {
                if !order.contains(user) { order.append(user) }
                if errors[user] != nil { return }
                if accepted.removeValue(forKey: user) != nil {
                    errors[user] = (.duplicateResource, "A user credential cannot be altered twice in the same request")
                    return
                }
                if let problem = Self.scramProblem(user, mechanismCode, upsertion, current) {
                    errors[user] = problem
                } else if let mechanism = ScramMechanism(rawValue: mechanismCode) {
                    accepted[user] = (mechanism, upsertion)
                }
            }
            for deletion in deletions { consider(deletion.name, deletion.mechanism, nil) }
            for upsertion in upsertions { consider(upsertion.name, upsertion.mechanism, upsertion) }

            var changed: [String: [ScramMechanism: ScramCredential]] = [:]
            for (user, (mechanism, upsertion)) in accepted {
                var credentials = current[user] ?? [:]
                if let upsertion {
                    credentials[mechanism] = ScramCredential.derive(saltedPassword: upsertion.saltedPassword, salt: upsertion.salt,
                                                                    iterations: Int(upsertion.iterations), mechanism: mechanism)
                } else {
                    credentials[mechanism] = nil
                }
                changed[user] = credentials
            }
            if !changed.isEmpty {
                try controller.setScramCredentials(changed)
                scramCredentials.replaceAll(controller.scramCredentials)
                for user in order where accepted[user] != nil {
                    let (mechanism, upsertion) = accepted[user]!
                    let text = upsertion.map { "User \(user): \(mechanism) credential set (\($0.iterations) iterations)" }
                        ?? "User \(user): \(mechanism) credential deleted"
                    events.record(.configChanged, nil, text)
                    logger.info("\(text)")
                }
            }
            return order.map { user in
                let error = errors[user]
                return .init(user: user, errorCode: error?.0 ?? .none, errorMessage: error?.1)
            }
        }
    }

    /// Kafka's checks of one deletion (nil `upsertion`) or upsertion, in its order and words.
    private static func scramProblem(_ user: String, _ mechanismCode: Int8, _ upsertion: ScramUpsertion?,
                                     _ current: [String: [ScramMechanism: ScramCredential]]) -> (ErrorCode, String)? {
        if user.isEmpty { return (.unacceptableCredential, "Username must not be empty") }
        guard let mechanism = ScramMechanism(rawValue: mechanismCode) else {
            return (.unsupportedSaslMechanism, "Unknown SCRAM mechanism")
        }
        guard let upsertion else {
            return current[user]?[mechanism] == nil
                ? (.resourceNotFound, "Attempt to delete a user credential that does not exist") : nil
        }
        if Int(upsertion.iterations) < mechanism.minIterations { return (.unacceptableCredential, "Too few iterations") }
        if Int(upsertion.iterations) > ScramMechanism.maxIterations { return (.unacceptableCredential, "Too many iterations") }
        return nil
    }

    /// DescribeUserScramCredentials: mechanisms and iterations per user; nil or empty `users` lists every user
    /// with a credential. Unknown and repeated users get an error of their own, as Kafka's ScramImage gives.
    public func describeScramCredentials(users: [String]?) -> [DescribeUserScramCredentialsResponse.Result] {
        let all = scramCredentials.all
        let wanted = users.flatMap { $0.isEmpty ? nil : $0 } ?? all.keys.sorted()
        var seen: [String] = []
        var repeated: Set<String> = []
        for user in wanted {
            if seen.contains(user) { repeated.insert(user) } else { seen.append(user) }
        }
        return seen.map { user in
            if repeated.contains(user) {
                return .init(user: user, errorCode: .duplicateResource,
                             errorMessage: "Cannot describe SCRAM credentials for the same user twice in a single request: \(user)")
            }
            guard let credentials = all[user], !credentials.isEmpty else {
                return .init(user: user, errorCode: .resourceNotFound,
                             errorMessage: "Attempt to describe a user credential that does not exist: \(user)")
            }
            return .init(user: user, credentialInfos: ScramMechanism.allCases.compactMap { mechanism in
                credentials[mechanism].map { .init(mechanism: mechanism.rawValue, iterations: Int32($0.iterations)) }
            })
        }
    }

    /// Sets one credential outside any request (`samsa server --add-scram`), journaled like the API's.
    public func setScramCredential(_ credential: ScramCredential, user: String, mechanism: ScramMechanism) throws {
        try changeLock.withLock { _ in
            var credentials = controller.scramCredentials[user] ?? [:]
            credentials[mechanism] = credential
            try controller.setScramCredentials([user: credentials])
            scramCredentials.replaceAll(controller.scramCredentials)
        }
        events.record(.configChanged, nil, "User \(user): \(mechanism) credential set (\(credential.iterations) iterations)")
    }
}
