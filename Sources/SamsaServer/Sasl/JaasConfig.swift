/// One JAAS login module entry as Kafka's `sasl.jaas.config` holds it:
/// `org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" user_alice="secret";`
/// — a class name, a control flag, `key=value` options (values bare or double-quoted, `\` escaping the next
/// character inside quotes) and a closing `;`.
struct JaasConfig: Sendable, Equatable {
    var loginModule: String
    var controlFlag: String
    var options: [String: String]

    static let controlFlags: Set<String> = ["required", "requisite", "sufficient", "optional"]

    /// Parses one entry; `key` names the property in the error sentence (never the value, which holds passwords).
    init(parsing text: String, key: String) throws {
        var scanner = Scanner(Array(text.unicodeScalars))
        func fail(_ what: String) -> ServerError {
            ServerError("\(key) is not a valid JAAS entry: \(what).")
        }
        scanner.skipSpaces()
        let module = scanner.word()
        guard !module.isEmpty else { throw fail("it names no login module") }
        scanner.skipSpaces()
        let flag = scanner.word().lowercased()
        guard Self.controlFlags.contains(flag) else { throw fail("the login module's control flag must be required, requisite, sufficient or optional") }
        var options: [String: String] = [:]
        while true {
            scanner.skipSpaces()
            guard let next = scanner.peek else { throw fail("it must end with ';'") }
            if next == ";" {
                scanner.advance()
                scanner.skipSpaces()
                guard scanner.peek == nil else { throw fail("only one login module entry is allowed") }
                break
            }
            let name = scanner.word(stoppingAt: "=")
            scanner.skipSpaces()  // Kafka's tokenizer allows `user_alice = "…"`.
            guard !name.isEmpty, scanner.peek == "=" else { throw fail("an option must be of the form key=value") }
            scanner.advance()
            scanner.skipSpaces()
            if scanner.peek == "\"" {
                scanner.advance()
                guard let value = scanner.quoted() else { throw fail("a quoted value is not closed") }
                options[name] = value
            } else {
                let value = scanner.word(stoppingAt: ";")
                guard !value.isEmpty else { throw fail("option \(name) has no value") }
                options[name] = value
            }
        }
        loginModule = module
        controlFlag = flag
        self.options = options
    }

    /// PlainLoginModule's users: every `user_<name>="<password>"` option.
    var plainUsers: [String: String] {
        var users: [String: String] = [:]
        for (key, value) in options where key.hasPrefix("user_") { users[String(key.dropFirst(5))] = value }
        return users
    }

    private struct Scanner {
        let scalars: [Unicode.Scalar]
        var index = 0
        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        var peek: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }
        mutating func advance() { index += 1 }

        mutating func skipSpaces() {
            while let c = peek, c.properties.isWhitespace { advance() }
        }

        /// Characters up to whitespace, `;`, or `stop`.
        mutating func word(stoppingAt stop: Unicode.Scalar? = nil) -> String {
            var out = String.UnicodeScalarView()
            while let c = peek, !c.properties.isWhitespace, c != ";", c != stop {
                out.append(c)
                advance()
            }
            return String(out)
        }

        /// The rest of a double-quoted value (the opening quote already read); nil if it never closes.
        mutating func quoted() -> String? {
            var out = String.UnicodeScalarView()
            while let c = peek {
                advance()
                if c == "\"" { return String(out) }
                if c == "\\" {
                    guard let escaped = peek else { return nil }
                    advance()
                    out.append(escaped)
                } else {
                    out.append(c)
                }
            }
            return nil
        }
    }
}
