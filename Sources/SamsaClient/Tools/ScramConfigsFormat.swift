import SamsaProtocol

/// `kafka-configs --entity-type users` for SCRAM credentials, as ConfigCommand parses and prints them.
public enum ScramConfigsFormat {
    /// kafka-configs' default when `iterations=` is left out (or -1).
    public static let defaultIterations = 4096

    /// The alterations `--add-config 'SCRAM-SHA-256=[iterations=8192,password=…]'` and `--delete-config
    /// 'SCRAM-SHA-512'` ask for, deletions first as ConfigCommand sends them. Errors never repeat a password.
    public static func alterations(user: String, added: [(name: String, value: String)],
                                   deleted: [String]) throws -> [UserScramCredentialAlteration] {
        let unknownAdded = added.map(\.name).filter { mechanism($0) == nil }
        if !unknownAdded.isEmpty {
            throw ClientError.invalidArgument("Only SCRAM credential configs can be added for 'users' using --bootstrap-server. "
                                              + "Unexpected config names: \(unknownAdded.joined(separator: ", ")).")
        }
        let unknownDeleted = deleted.filter { mechanism($0) == nil }
        if !unknownDeleted.isEmpty {
            throw ClientError.invalidArgument("Only SCRAM credential configs can be deleted for 'users' using --bootstrap-server. "
                                              + "Unexpected config names: \(unknownDeleted.joined(separator: ", ")).")
        }
        let deletions = deleted.compactMap(mechanism).map { UserScramCredentialAlteration.delete(user: user, mechanism: $0) }
        let upsertions = try added.map { name, value -> UserScramCredentialAlteration in
            let mechanism = mechanism(name)!
            let (iterations, password) = try iterationsAndPassword(mechanism, value)
            return .upsert(user: user, mechanism: mechanism, iterations: iterations, password: password)
        }
        return deletions + upsertions
    }

    /// ConfigCommand's `(?:iterations=(-?[0-9]*),)?password=(.*)`, with its minimum check.
    static func iterationsAndPassword(_ mechanism: ScramMechanism, _ text: String) throws -> (Int, String) {
        var rest = Substring(text)
        var iterations = defaultIterations
        if rest.hasPrefix("iterations=") {
            rest = rest.dropFirst("iterations=".count)
            let number = rest.prefix { $0 != "," }
            guard let value = Int(number), rest.dropFirst(number.count).hasPrefix(",") else {
                throw ClientError.invalidArgument("Invalid credential property \(mechanism): expected [iterations=N,]password=SECRET.")
            }
            if value != -1 { iterations = value }
            rest = rest.dropFirst(number.count + 1)
        }
        guard rest.hasPrefix("password=") else {
            throw ClientError.invalidArgument("Invalid credential property \(mechanism): expected [iterations=N,]password=SECRET.")
        }
        if iterations < mechanism.minIterations {
            throw ClientError.invalidArgument("Iterations \(iterations) is less than the minimum \(mechanism.minIterations) required for \(mechanism).")
        }
        return (iterations, String(rest.dropFirst("password=".count)))
    }

    /// What kafka-configs prints for one described user; nil for a user without credentials (it prints nothing).
    public static func describeLine(_ description: UserScramCredentialsDescription) -> String? {
        if let error = description.error {
            if error.code == .resourceNotFound { return nil }
            let name = (error.code?.name ?? "UNKNOWN_SERVER_ERROR").split(separator: "_")
                .map { $0.prefix(1) + $0.dropFirst().lowercased() }.joined() + "Exception"
            var message = error.description
            if case .broker(_, let text) = error { message = text }
            return "Error retrieving SCRAM credential configs for user-principal '\(description.user)': \(name): \(message)"
        }
        let text = description.credentials.map { "\($0.mechanism)=iterations=\($0.iterations)" }.joined(separator: ", ")
        return "SCRAM credential configs for user-principal '\(description.user)' are \(text)"
    }

    /// Exact names only, as Kafka's ScramMechanism.isScram.
    static func mechanism(_ name: String) -> ScramMechanism? {
        ScramMechanism.allCases.first { $0.mechanismName == name }
    }
}
