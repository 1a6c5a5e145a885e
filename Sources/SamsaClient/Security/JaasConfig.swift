import Foundation
/// Reads Java's `sasl.jaas.config` line, `org.apache.kafka.common.security.scram.ScramLoginModule required
/// username="alice" password="alice-secret";`, for its options (as Kafka's JaasConfig parser does).
enum JaasConfig {
    static func options(_ text: String) throws -> [String: String] {
        var rest = Substring(text).drop { $0.isWhitespace }
        let module = rest.prefix { !$0.isWhitespace }
        rest = rest.dropFirst(module.count).drop { $0.isWhitespace }
        let flag = rest.prefix { !$0.isWhitespace && $0 != ";" }
        guard !module.isEmpty, ["required", "requisite", "sufficient", "optional"].contains(flag.lowercased()) else {
            throw invalid()
        }
        rest = rest.dropFirst(flag.count)
        var options: [String: String] = [:]
        while true {
            rest = rest.drop { $0.isWhitespace }
            if rest.first == ";" { break }
            guard let equals = rest.firstIndex(of: "=") else { throw invalid() }
            let key = rest[..<equals].trimmingCharacters(in: .whitespaces)
            rest = rest[rest.index(after: equals)...].drop { $0.isWhitespace }
            var value = ""
            if rest.first == "\"" {
                rest = rest.dropFirst()
                var escaped = false
                var closed = false
                while let c = rest.first {
                    rest = rest.dropFirst()
                    if escaped { value.append(c); escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { closed = true; break } else { value.append(c) }
                }
                guard closed else { throw invalid() }
            } else {
                value = String(rest.prefix { !$0.isWhitespace && $0 != ";" })
                rest = rest.dropFirst(value.count)
            }
            guard !key.isEmpty else { throw invalid() }
            options[key] = value
        }
        return options
    }

    private static func invalid() -> ClientError {
        ClientError.invalidArgument("sasl.jaas.config must read 'LoginModule required username=\"…\" password=\"…\";'.")
    }
}
