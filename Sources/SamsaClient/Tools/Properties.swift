/// `--property key=value` style options, as Kafka's console tools take them.
public enum Properties {
    /// Parses "k=v" items; a bad item is a one-sentence error.
    public static func parse(_ items: [String], option: String = "--property") throws -> [String: String] {
        var result: [String: String] = [:]
        for item in items {
            guard let equals = item.firstIndex(of: "="), equals != item.startIndex else {
                throw ClientError.invalidArgument("\(option) expects key=value, not \"\(item)\".")
            }
            result[String(item[..<equals])] = String(item[item.index(after: equals)...])
        }
        return result
    }

    /// Kafka's escapes in separators: \t, \n, \r, \\.
    public static func unescape(_ text: String) -> String {
        var out = ""
        var escaped = false
        for c in text {
            if escaped {
                switch c {
                case "t": out.append("\t")
                case "n": out.append("\n")
                case "r": out.append("\r")
                default: out.append(c)
                }
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else {
                out.append(c)
            }
        }
        if escaped { out.append("\\") }
        return out
    }

    public static func bool(_ properties: [String: String], _ key: String) -> Bool {
        properties[key]?.lowercased() == "true"
    }
}
