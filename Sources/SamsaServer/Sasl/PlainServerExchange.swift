import SamsaProtocol

/// PLAIN (RFC 4616) as Kafka's PlainSaslServer: `authzid NUL username NUL password` against the JAAS users.
struct PlainServerExchange: SaslServerExchange {
    let users: [String: String]

    func evaluate(_ token: [UInt8]) throws(SaslFailure) -> (challenge: [UInt8], user: String?) {
        let parts = token.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        guard parts.count == 3 else {
            throw .told("Invalid SASL/PLAIN response: expected 3 tokens, got \(parts.count)")
        }
        let (authzid, username, password) = (parts[0], parts[1], parts[2])
        guard !username.isEmpty else { throw .told("Authentication failed: username not specified") }
        guard !password.isEmpty else { throw .told("Authentication failed: password not specified") }
        let expected = users[username].map { Array($0.utf8) } ?? []
        // Compared in constant time, and against something even for an unknown user.
        let matches = constantTimeEqual(Array(password.utf8), expected) && users[username] != nil
        guard matches else { throw .told("Authentication failed: Invalid username or password") }
        guard authzid.isEmpty || authzid == username else {
            throw .told("Authentication failed: Client requested an authorization id that is different from username")
        }
        return ([], username)
    }
}
