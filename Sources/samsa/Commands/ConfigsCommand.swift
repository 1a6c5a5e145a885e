import ArgumentParser
import SamsaClient

/// `samsa configs`: kafka-configs for topics and brokers (dynamic per-broker and cluster-default configs), and
/// users' SCRAM credentials.
struct ConfigsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "configs",
        abstract: "Describe and alter topic and broker configs and users' SCRAM credentials (like kafka-configs.sh).")

    @OptionGroup var connection: BootstrapOptions

    @Flag(help: "Show the configs of the entity (or of every entity of the type).") var describe = false
    @Flag(help: "Change the configs of the entity.") var alter = false
    @Flag(help: "With --describe, every config, not only the dynamic ones.") var all = false

    @Option(name: .customLong("entity-type"), help: "topics, brokers or users.") var entityType: String?
    @Option(name: .customLong("entity-name"), help: "The topic name, broker id or user name.") var entityName: String?
    @Flag(name: .customLong("entity-default"), help: "The cluster-wide default broker config.") var entityDefault = false
    @Option(name: .customLong("add-config"), help: ArgumentHelp("Configs to set: k1=v1,k2=[v1,v2],k3=v3.", valueName: "k=v[,k=v]"))
    var addConfig: String?
    @Option(name: .customLong("delete-config"), help: ArgumentHelp("Configs to remove (revert to default): k1,k2.", valueName: "k[,k]"))
    var deleteConfig: String?

    func validate() throws {
        guard describe != alter else { throw ValidationError("Give exactly one of --describe or --alter.") }
        guard let entityType else { throw ValidationError("--entity-type is required: topics, brokers or users.") }
        guard ["topics", "brokers", "users"].contains(entityType) else {
            throw ValidationError("--entity-type must be topics, brokers or users, not \"\(entityType)\".")
        }
        if entityType == "users" { return try validateUsers() }
        if entityDefault && entityName != nil { throw ValidationError("Give --entity-name or --entity-default, not both.") }
        if entityDefault && entityType == "topics" { throw ValidationError("--entity-default applies to brokers only.") }
        if entityType == "brokers", let entityName, Int32(entityName) == nil {
            throw ValidationError("The entity name for brokers must be a valid integer broker id, found: \(entityName)")
        }
        if alter {
            if entityName == nil && !entityDefault { throw ValidationError("--alter needs --entity-name or --entity-default.") }
            if addConfig == nil && deleteConfig == nil { throw ValidationError("--alter needs --add-config or --delete-config.") }
            _ = try ConfigsFormat.parseAdded(addConfig ?? "")
        } else if addConfig != nil || deleteConfig != nil {
            throw ValidationError("--add-config and --delete-config only apply to --alter.")
        }
        if all && !describe { throw ValidationError("--all only applies to --describe.") }
    }

    func run() async throws {
        let client = try connection.client(id: "samsa-configs")
        do {
            let admin = Admin(client: client)
            if entityType == "users" {
                if alter { try await alterUsers(admin) } else { try await describeUsers(admin) }
            } else if alter {
                try await alterConfigs(admin)
            } else {
                try await describeConfigs(admin)
            }
            await client.close()
        } catch {
            await client.close()
            throw error
        }
    }

    private var kind: ConfigResource.Kind { entityType == "topics" ? .topic : .broker }

    private func describeConfigs(_ admin: Admin) async throws {
        var resources: [ConfigResource]
        if let entityName {
            resources = [ConfigResource(kind, entityName)]
        } else if entityDefault {
            resources = [.broker(nil)]
        } else if kind == .topic {
            resources = try await admin.listTopics().map { .topic($0) }
        } else {
            resources = try await admin.client.refreshMetadata(topics: []).brokers.keys.sorted().map { .broker($0) } + [.broker(nil)]
        }
        for resource in resources {
            let entries = try await admin.describeConfigs(resource, includeSynonyms: true)
            for line in ConfigsFormat.describeLines(resource, entries, all: all) { print(line) }
        }
    }

    private func alterConfigs(_ admin: Admin) async throws {
        let resource = entityDefault ? ConfigResource.broker(nil) : ConfigResource(kind, entityName ?? "")
        let added = try ConfigsFormat.parseAdded(addConfig ?? "")
        let deleted = ConfigsFormat.parseDeleted(deleteConfig ?? "")
        if !deleted.isEmpty {
            // As kafka-configs: only configs set on the entity itself can be deleted.
            let current = Set(try await admin.describeConfigs(resource, includeSynonyms: false)
                .filter { $0.source == ConfigsFormat.dynamicSource(of: resource) }.map(\.name))
            let invalid = deleted.filter { !current.contains($0) }
            if !invalid.isEmpty { throw ClientError.invalidArgument("Invalid config(s): \(invalid.joined(separator: ",")).") }
        }
        let ops = added.map { AlterConfigOp.set($0.name, $0.value) } + deleted.map { AlterConfigOp.delete($0) }
        try await admin.incrementalAlterConfigs(resource, ops)
        print(ConfigsFormat.alteredLine(resource))
    }
}
