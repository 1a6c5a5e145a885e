import Foundation
import SamsaClient
import SamsaEngine
import SamsaProtocol

/// Opens one more listener on every running broker of the embedded cluster and returns each broker's port
/// (the server's `KafkaServer.addListener`; the TUI does not depend on the server module).
public typealias ListenerAdder = @Sendable (ListenerSpec) async throws -> [Int32: Int]

/// The embedded workbench's ACL demo, narrated step by step in the events: a SASL_PLAINTEXT listener with
/// SCRAM-SHA-256, a user `reader` who may Read topic `acl-demo` and group `acl-demo-readers` but write
/// nothing, authorization turned on, then `reader` consuming (allowed) and producing (refused with
/// TOPIC_AUTHORIZATION_FAILED) through the new listener, as any client with those settings would.
///
/// The workbench's own clients connect on the PLAINTEXT listener as `User:ANONYMOUS`; that principal is made
/// a super user when the demo turns authorization on, so the panes (and kcat on the plain port) keep working
/// — Kafka's way of exempting a trusted listener. The user and the ACLs go through the controller (journaled
/// and replicated, as AlterUserScramCredentials and CreateAcls would store them); the authorizer's switch
/// itself lasts until the workbench stops, as a `server.properties` without `authorizer.class.name` says.
struct SecurityDemo: Sendable {
    static let listenerName = "SASL_DEMO"
    static let user = "reader"
    static let password = "reader-secret"
    static let topic = "acl-demo"
    static let group = "acl-demo-readers"
    static let mechanism = ScramMechanism.sha256

    let cluster: Cluster
    let clients: WorkbenchClients
    let addListener: ListenerAdder

    /// Runs every step; returns the outcome in one sentence, or throws the step that failed.
    func run() async throws -> String {
        let bootstrap = try await openListener()
        try createUser()
        try authorizeReader()
        try await seedRecords()
        let read = try await consumeAsReader(bootstrap)
        narrate("Step 5/6: \(Self.user) consumed \(Format.counted(read, "record")) of \(Self.topic) in group \(Self.group) through \(Self.listenerName): Read is allowed")
        let refusal = try await produceAsReader(bootstrap)
        narrate("Step 6/6: \(Self.user)'s produce to \(Self.topic) was refused: \(refusal)")
        return "ACL demo done: on \(Self.listenerName) at \(bootstrap), \(Self.user) may read \(Self.topic) but not write it (settings in events)."
    }

    /// The client settings a person puts in a properties file (`--command-config`, librdkafka's names).
    static func clientSettings(bootstrap: String) -> [String] {
        ["bootstrap.servers=\(bootstrap)", "security.protocol=SASL_PLAINTEXT", "sasl.mechanism=\(mechanism.mechanismName)",
         "sasl.username=\(user)", "sasl.password=\(password)"]
    }

    static func security() -> ClientSecurity {
        ClientSecurity(securityProtocol: .saslPlaintext, sasl: .init(mechanism: .scram(mechanism), username: user, password: password))
    }

    private func narrate(_ text: String) { clients.note(.other, text) }

    /// The listener on every running broker (opened once; a second run reuses it). Returns its bootstrap.
    private func openListener() async throws -> String {
        let host = cluster.config.advertisedHost ?? cluster.config.host
        var ports = Dictionary(uniqueKeysWithValues: cluster.brokers.compactMap { broker in
            broker.port(listener: Self.listenerName).map { (broker.id, $0) }
        })
        if ports.isEmpty {
            ports = try await addListener(ListenerSpec(name: Self.listenerName, securityProtocol: .saslPlaintext,
                                                       host: cluster.config.host, ports: [], advertisedHost: cluster.config.advertisedHost))
        }
        let bootstrap = ports.keys.sorted().map { "\(host):\(ports[$0]!)" }.joined(separator: ",")
        narrate("Step 1/6: listener \(Self.listenerName) (SASL_PLAINTEXT, \(Self.mechanism.mechanismName)) is open on \(bootstrap)")
        // One line per key, so each fits the events pane: what a person copies into a properties file.
        narrate("\(Self.user)'s client settings (a file for --command-config or kcat -F):")
        for line in Self.clientSettings(bootstrap: bootstrap) { narrate("  " + line) }
        return bootstrap
    }

    private func createUser() throws {
        let credential = ScramCredential.derive(password: Self.password, salt: ScramCredential.randomSalt(), iterations: 4096,
                                                mechanism: Self.mechanism)
        try cluster.setScramCredential(credential, user: Self.user, mechanism: Self.mechanism)
        narrate("Step 2/6: \(Self.mechanism.mechanismName) user \(Self.user) created (stored salted and hashed by the controller)")
    }

    /// Authorization on with the plain listener's ANONYMOUS as super user, and the reader's ACLs.
    private func authorizeReader() throws {
        var settings = cluster.authorizer.settings
        if !settings.enabled {
            settings.enabled = true
            settings.superUsers.insert(KafkaPrincipal.anonymous.description)
            cluster.authorizer.configure(settings)
            narrate("Step 3/6: authorization on (StandardAuthorizer); User:ANONYMOUS, the PLAINTEXT listener's principal the workbench uses, is a super user")
        } else {
            narrate("Step 3/6: authorization was already on (super.users: \(settings.superUsers.sorted().joined(separator: ";")))")
        }
        let principal = "User:\(Self.user)"
        let acls = [
            AclBinding(resourceType: .topic, resourceName: Self.topic, patternType: .literal, principal: principal, host: "*",
                       operation: .read, permission: .allow),
            AclBinding(resourceType: .group, resourceName: Self.group, patternType: .literal, principal: principal, host: "*",
                       operation: .read, permission: .allow),
        ]
        if let problem = cluster.createAcls(acls).compactMap({ $0 }).first { throw WorkbenchError("The demo's ACLs were refused: \(problem).") }
        narrate("ACLs: \(principal) may Read (and so Describe) topic \(Self.topic) and Read group \(Self.group); no ACL grants Write")
    }

    /// Three records written by the workbench itself (a super user), for the reader to consume.
    private func seedRecords() async throws {
        if cluster.snapshot().topics.first(where: { $0.name == Self.topic }) == nil {
            let factor = min(3, cluster.brokers.count)
            try await clients.createTopic(name: Self.topic, partitions: 1, replicationFactor: factor)
        }
        for index in 1...3 {
            _ = try await clients.produce(ProduceRequest(topic: Self.topic, key: "k\(index)", value: "record \(index) for the reader",
                                                        acks: .all, partitioning: .byKey))
        }
        narrate("Step 4/6: the workbench (User:ANONYMOUS) wrote 3 records to \(Self.topic) on the PLAINTEXT listener")
    }

    private func readerClient(_ bootstrap: String, _ id: String) throws -> KafkaClient {
        var config = try ClientConfig(bootstrap: bootstrap, clientId: id)
        config.security = Self.security()
        config.requestTimeout = .seconds(15)
        return KafkaClient(config: config)
    }

    /// The reader joins its group and polls until records arrive (30 s at most).
    private func consumeAsReader(_ bootstrap: String) async throws -> Int {
        let client = try readerClient(bootstrap, "acl-demo-reader")
        var config = GroupConsumerConfig(groupId: Self.group)
        config.autoOffsetReset = .earliest
        config.heartbeatIntervalMs = 1000
        config.sessionTimeoutMs = 10_000
        let consumer: GroupConsumer
        do {
            consumer = try GroupConsumer(client: client, config: config)
        } catch {
            await client.close()
            throw error
        }
        consumer.subscribe([Self.topic])
        var read = 0
        var failure: String?
        let deadline = ContinuousClock.now + .seconds(30)
        while read == 0 && failure == nil && ContinuousClock.now < deadline {
            do {
                read += try await consumer.poll(timeout: .milliseconds(500)).count
            } catch let error as ClientError where error.isSecurityFailure {
                failure = AccessAttempt.read(topic: Self.topic, group: Self.group).sentence(for: error)
            } catch {
                try? await Task.sleep(for: .milliseconds(200))
            }
        }
        await consumer.close()
        await client.close()
        if let failure { throw WorkbenchError("The reader could not consume: \(failure)") }
        guard read > 0 else { throw WorkbenchError("The reader read nothing from \(Self.topic) within 30 seconds.") }
        return read
    }

    /// The reader's produce, which the ACLs must refuse; returns the refusal as the workbench shows it.
    private func produceAsReader(_ bootstrap: String) async throws -> String {
        let client = try readerClient(bootstrap, "acl-demo-writer")
        var config = ProducerConfig()
        config.lingerMs = 0
        config.deliveryTimeoutMs = 20_000
        let producer = Producer(client: client, config: config)
        defer { Task { await producer.close(); await client.close() } }
        do {
            _ = try await producer.send(ProducerRecord(topic: Self.topic, key: "k", value: "written by the reader"))
        } catch {
            return AccessAttempt.write(topic: Self.topic).sentence(for: error)
        }
        throw WorkbenchError("The reader's produce to \(Self.topic) was accepted: the ACLs did not refuse it.")
    }
}

extension EmbeddedSource {
    public func runSecurityDemo() async throws -> String {
        guard let addListener else { throw WorkbenchError("This workbench cannot open listeners, so it cannot run the security demo.") }
        let result = try await SecurityDemo(cluster: cluster, clients: clients, addListener: addListener).run()
        refresh()
        return result
    }
}
