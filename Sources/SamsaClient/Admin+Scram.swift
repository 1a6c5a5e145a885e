import SamsaProtocol

/// One change of a user's SCRAM credentials (Kafka's UserScramCredentialUpsertion / UserScramCredentialDeletion).
public enum UserScramCredentialAlteration: Sendable, Equatable {
    /// Salted here with a fresh random salt (or `salt`): only the salted password goes over the wire.
    case upsert(user: String, mechanism: ScramMechanism, iterations: Int, password: String, salt: [UInt8]? = nil)
    case delete(user: String, mechanism: ScramMechanism)

    public var user: String {
        switch self {
        case .upsert(let user, _, _, _, _), .delete(let user, _): user
        }
    }
}

/// What DescribeUserScramCredentials says of one user: its mechanisms with their iterations, or why not.
public struct UserScramCredentialsDescription: Sendable, Equatable {
    public var user: String
    public var credentials: [(mechanism: ScramMechanism, iterations: Int)]
    /// RESOURCE_NOT_FOUND for a user without credentials, DUPLICATE_RESOURCE for one asked twice, …
    public var error: ClientError?

    public init(user: String, credentials: [(mechanism: ScramMechanism, iterations: Int)], error: ClientError? = nil) {
        self.user = user
        self.credentials = credentials
        self.error = error
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.user == b.user && a.error == b.error && a.credentials.map(\.mechanism) == b.credentials.map(\.mechanism)
            && a.credentials.map(\.iterations) == b.credentials.map(\.iterations)
    }
}

// SCRAM credential calls as Kafka's AdminClient makes them: alterations to the controller, descriptions to
// any broker (every broker holds the same credentials).
extension Admin {
    /// Sends `alterations` in one request; returns the users whose change the broker refused, with why (empty:
    /// every change was made). The broker refuses a user named twice in one request (DUPLICATE_RESOURCE).
    public func alterUserScramCredentials(_ alterations: [UserScramCredentialAlteration]) async throws -> [String: ClientError] {
        var request = AlterUserScramCredentialsRequest()
        for alteration in alterations {
            switch alteration {
            case .delete(let user, let mechanism):
                request.deletions.append(.init(name: user, mechanism: mechanism.rawValue))
            case .upsert(let user, let mechanism, let iterations, let password, let salt):
                let salt = salt ?? ScramCredential.randomSalt()
                request.upsertions.append(.init(name: user, mechanism: mechanism.rawValue, iterations: Int32(clamping: iterations), salt: salt,
                                                saltedPassword: mechanism.saltedPassword(password, salt: salt, iterations: iterations)))
            }
        }
        let response = try await controllerConnection().send(request)
        var refused: [String: ClientError] = [:]
        for result in response.results where result.errorCode != .none {
            refused[result.user] = .broker(result.errorCode, result.errorMessage ?? "Altering the SCRAM credentials of \(result.user) failed.")
        }
        let answered = Set(response.results.map(\.user))
        for user in Set(alterations.map(\.user)) where !answered.contains(user) {
            refused[user] = .broker(.unknownServerError, "The broker's answer left out user \(user).")
        }
        return refused
    }

    /// The users' SCRAM mechanisms and iterations; nil or empty lists every user that has a credential.
    public func describeUserScramCredentials(_ users: [String]? = nil) async throws -> [UserScramCredentialsDescription] {
        let response = try await client.anyConnection().send(DescribeUserScramCredentialsRequest(users: users))
        if response.errorCode != .none {
            throw ClientError.broker(response.errorCode, response.errorMessage ?? "Describing SCRAM credentials failed.")
        }
        return response.results.map { result in
            UserScramCredentialsDescription(
                user: result.user,
                credentials: result.credentialInfos.compactMap { info in
                    ScramMechanism(rawValue: info.mechanism).map { ($0, Int(info.iterations)) }
                },
                error: result.errorCode == .none ? nil
                    : .broker(result.errorCode, result.errorMessage ?? "Describing the SCRAM credentials of \(result.user) failed."))
        }
    }
}
