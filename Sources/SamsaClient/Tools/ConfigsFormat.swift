/// `kafka-configs` input parsing and output, as ConfigCommand does them.
public enum ConfigsFormat {
    /// The source kafka-configs shows without `--all`: the dynamic one that belongs to the entity.
    public static func dynamicSource(of resource: ConfigResource) -> ConfigSource {
        switch resource.kind {
        case .topic: .dynamicTopic
        case .broker: resource.name.isEmpty ? .dynamicDefaultBroker : .dynamicBroker
        case .brokerLogger: .dynamicBrokerLogger
        }
    }

    /// The heading and one line per config, filtered to the entity's dynamic configs unless `all`.
    public static func describeLines(_ resource: ConfigResource, _ entries: [ConfigEntryDescription], all: Bool) -> [String] {
        let heading: String
        if resource.kind == .broker && resource.name.isEmpty {
            heading = "Default configs for brokers in the cluster are:"
        } else {
            heading = "\(all ? "All" : "Dynamic") configs for \(resource.kind == .topic ? "topic" : "broker") \(resource.name) are:"
        }
        let wanted = dynamicSource(of: resource)
        return [heading] + entries.filter { all || $0.source == wanted }.map { entry in
            let synonyms = entry.synonyms.map { "\($0.source.name):\($0.name)=\($0.value ?? "null")" }.joined(separator: ", ")
            return "  \(entry.name)=\(entry.value ?? "null") sensitive=\(entry.isSensitive) synonyms={\(synonyms)}"
        }
    }

    /// What kafka-configs prints after a successful --alter.
    public static func alteredLine(_ resource: ConfigResource) -> String {
        if resource.kind == .broker && resource.name.isEmpty { return "Completed updating default config for brokers in the cluster." }
        return "Completed updating config for \(resource.kind == .topic ? "topic" : "broker") \(resource.name)."
    }

    /// `--add-config k1=v1,k2=[v1,v2,v2],k3=v3`: commas inside square brackets belong to one list value.
    public static func parseAdded(_ text: String) throws -> [(name: String, value: String)] {
        var items: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            switch character {
            case "[": depth += 1
            case "]": depth = max(0, depth - 1)
            case "," where depth == 0:
                items.append(current)
                current = ""
                continue
            default: break
            }
            current.append(character)
        }
        items.append(current)
        return try items.filter { !$0.isEmpty }.map { item in
            guard let equals = item.firstIndex(of: "="), equals != item.startIndex else {
                throw ClientError.invalidArgument("--add-config expects key=value[,key=value…], not \"\(item)\".")
            }
            var value = String(item[item.index(after: equals)...])
            if value.hasPrefix("[") && value.hasSuffix("]") { value = String(value.dropFirst().dropLast()) }
            return (String(item[..<equals]).trimmingSpaces, value.trimmingSpaces)
        }
    }

    /// `--delete-config k1,k2`.
    public static func parseDeleted(_ text: String) -> [String] {
        text.split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
    }
}

