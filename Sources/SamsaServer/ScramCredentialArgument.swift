import Foundation
import SamsaEngine
import SamsaProtocol

/// One `--add-scram 'SCRAM-SHA-256=[name=alice,password=alice-secret]'` of `samsa server`, in the syntax of
/// `kafka-storage format --add-scram` (Kafka's ScramParser): `name`, then `password` or `salt` (base64) with
/// `saltedpassword` (base64), and optionally `iterations` (4096 by default) and `salt`.
public struct ScramCredentialArgument: Sendable, Equatable {
    public var user: String
    public var mechanism: ScramMechanism
    public var iterations: Int
    var salt: [UInt8]?
    var password: String?
    var saltedPassword: [UInt8]?

    /// Parses one argument; errors are ScramParser's sentences and never repeat a password.
    public init(parsing input: String) throws {
        let text = input.trimmingCharacters(in: .whitespaces)
        guard let equals = text.firstIndex(of: "=") else {
            throw ServerError("Failed to find equals sign in SCRAM argument '\(Self.redacted(text))'")
        }
        let name = String(text[..<equals])
        guard let mechanism = ScramMechanism.allCases.first(where: { $0.mechanismName == name }) else {
            throw ServerError("The add-scram mechanism \(name) is not supported.")
        }
        var config = text[text.index(after: equals)...]
        guard config.hasPrefix("[") else { throw ServerError("Expected configuration string to start with [") }
        guard config.hasSuffix("]") else { throw ServerError("Expected configuration string to end with ]") }
        config = config.dropFirst().dropLast()
        var components: [String: String] = [:]
        // A comma inside a password splits it, so errors name a component's position, never its text.
        for (index, component) in config.split(separator: ",", omittingEmptySubsequences: false).enumerated() {
            guard let sign = component.firstIndex(of: "=") else {
                throw ServerError("No equals sign found in SCRAM component \(index + 1) of \(name) (a password may not contain a comma).")
            }
            var value = component[component.index(after: sign)...]
            if value.count >= 2 && value.hasPrefix("\"") && value.hasSuffix("\"") { value = value.dropFirst().dropLast() }
            components[String(component[..<sign])] = String(value)
        }
        guard let user = components.removeValue(forKey: "name") else { throw ServerError("You must supply 'name' to add-scram") }
        self.user = user
        self.mechanism = mechanism
        if let text = components.removeValue(forKey: "salt") {
            guard let data = Data(base64Encoded: text) else { throw ServerError("Failed to decode given salt: \(text)") }
            salt = Array(data)
        }
        iterations = 4096
        if let text = components.removeValue(forKey: "iterations") {
            guard let value = Int(text) else { throw ServerError("Failed to parse iterations count: \(text)") }
            iterations = value
        }
        password = components.removeValue(forKey: "password")
        if let text = components.removeValue(forKey: "saltedpassword"), password == nil {
            guard salt != nil else { throw ServerError("You must supply 'salt' with 'saltedpassword' to add-scram") }
            guard let data = Data(base64Encoded: text) else { throw ServerError("Failed to decode given saltedPassword.") }
            saltedPassword = Array(data)
        } else if password == nil {
            throw ServerError("You must supply one of 'password' or 'saltedpassword' to add-scram")
        }
        if !components.isEmpty {
            throw ServerError("Unknown SCRAM configuration in the \(name) argument: only name, password, salt, saltedpassword and "
                              + "iterations are taken (a password may not contain a comma).")
        }
        if iterations < mechanism.minIterations {
            throw ServerError("The 'iterations' value must be >= \(mechanism.minIterations) for add-scram using \(mechanism)")
        }
        if iterations > ScramMechanism.maxIterations {
            throw ServerError("The 'iterations' value must be <= \(ScramMechanism.maxIterations) for add-scram using \(mechanism)")
        }
    }

    /// Journals the credential unless the cluster already holds this very one (same password, iterations
    /// and, if given, salt), so restarting with the same flags changes nothing. True if it was set.
    @discardableResult
    public func apply(to cluster: Cluster) throws -> Bool {
        let existing = cluster.scramCredentials.credential(user: user, mechanism: mechanism)
        if let existing, existing.iterations == iterations, salt == nil || salt == existing.salt,
           credential(salt: existing.salt) == existing {
            return false
        }
        try cluster.setScramCredential(credential(salt: salt ?? ScramCredential.randomSalt()), user: user, mechanism: mechanism)
        return true
    }

    private func credential(salt: [UInt8]) -> ScramCredential {
        let salted = saltedPassword ?? mechanism.saltedPassword(password ?? "", salt: salt, iterations: iterations)
        return ScramCredential.derive(saltedPassword: salted, salt: salt, iterations: iterations, mechanism: mechanism)
    }

    /// An argument as an error may show it: every value after `password=` hidden.
    private static func redacted(_ text: String) -> String {
        guard let range = text.range(of: "password=") else { return text }
        return String(text[..<range.upperBound]) + "***"
    }
}
