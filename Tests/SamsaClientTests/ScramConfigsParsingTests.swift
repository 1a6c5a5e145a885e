import ArgumentParser
import SamsaProtocol
import Testing
@testable import samsa
@testable import SamsaClient

/// `samsa configs --entity-type users` and `samsa server --add-scram`: kafka-configs' add-config syntax for
/// SCRAM credentials, its defaults, its refusals (never repeating a password) and its describe line.
@Suite struct ScramConfigsParsingTests {
    private func alterations(_ add: String, delete: String = "") throws -> [UserScramCredentialAlteration] {
        try ScramConfigsFormat.alterations(user: "alice", added: try ConfigsFormat.parseAdded(add), deleted: ConfigsFormat.parseDeleted(delete))
    }

    @Test func addConfigBecomesUpsertionsWithKafkasDefaultIterations() throws {
        #expect(try alterations("SCRAM-SHA-256=[iterations=8192,password=alice-secret],SCRAM-SHA-512=[password=alice,secret]",
                                delete: "SCRAM-SHA-512") == [
            .delete(user: "alice", mechanism: .sha512),
            .upsert(user: "alice", mechanism: .sha256, iterations: 8192, password: "alice-secret"),
            .upsert(user: "alice", mechanism: .sha512, iterations: 4096, password: "alice,secret")])
        #expect(try alterations("SCRAM-SHA-256=[iterations=-1,password=p]") == [.upsert(user: "alice", mechanism: .sha256, iterations: 4096, password: "p")])
    }

    @Test func badCredentialsAreOneSentenceWithoutThePassword() throws {
        let refusals: [(String, String, String)] = [
            ("SCRAM-SHA-256=[iterations=100,password=hunter2]", "", "Iterations 100 is less than the minimum 4096 required for SCRAM-SHA-256."),
            ("SCRAM-SHA-256=[iterations=lots,password=hunter2]", "", "Invalid credential property SCRAM-SHA-256: expected [iterations=N,]password=SECRET."),
            ("SCRAM-SHA-256=[hunter2]", "", "Invalid credential property SCRAM-SHA-256: expected [iterations=N,]password=SECRET."),
            ("consumer_byte_rate=10", "", "Only SCRAM credential configs can be added for 'users' using --bootstrap-server. Unexpected config names: consumer_byte_rate."),
            ("", "scram-sha-256", "Only SCRAM credential configs can be deleted for 'users' using --bootstrap-server. Unexpected config names: scram-sha-256."),
        ]
        for (add, delete, sentence) in refusals {
            do {
                _ = try alterations(add, delete: delete)
                Issue.record("\(add) was accepted")
            } catch {
                #expect("\(error)" == sentence)
                #expect(!"\(error)".contains("hunter2"))
            }
        }
    }

    @Test func describeLinesAreKafkaConfigs() {
        #expect(ScramConfigsFormat.describeLine(.init(user: "alice", credentials: [(.sha256, 8192), (.sha512, 4096)]))
                == "SCRAM credential configs for user-principal 'alice' are SCRAM-SHA-256=iterations=8192, SCRAM-SHA-512=iterations=4096")
        #expect(ScramConfigsFormat.describeLine(.init(user: "bob", credentials: [], error: .broker(.resourceNotFound, "gone"))) == nil)
        #expect(ScramConfigsFormat.describeLine(.init(user: "bob", credentials: [], error: .broker(.duplicateResource, "twice")))
                == "Error retrieving SCRAM credential configs for user-principal 'bob': DuplicateResourceException: twice")
    }

    @Test func configsCommandTakesUsers() throws {
        let base = ["configs", "--bootstrap-server", "localhost:9092", "--entity-type", "users"]
        let alter = try #require(try Samsa.parseAsRoot(base + ["--alter", "--entity-name", "alice", "--add-config",
                                                               "SCRAM-SHA-256=[password=p]"]) as? ConfigsCommand)
        #expect(try alter.userAlterations("alice") == [.upsert(user: "alice", mechanism: .sha256, iterations: 4096, password: "p")])
        #expect(try Samsa.parseAsRoot(base + ["--describe"]) is ConfigsCommand)
        #expect(try Samsa.parseAsRoot(base + ["--describe", "--entity-name", "alice"]) is ConfigsCommand)
        #expect(throws: (any Error).self) { try Samsa.parseAsRoot(base + ["--alter", "--add-config", "SCRAM-SHA-256=[password=p]"]) }
        #expect(throws: (any Error).self) {
            try Samsa.parseAsRoot(base + ["--alter", "--entity-default", "--add-config", "SCRAM-SHA-256=[password=p]"])
        }
        #expect(throws: (any Error).self) {
            try Samsa.parseAsRoot(base + ["--alter", "--entity-name", "alice", "--add-config", "SCRAM-SHA-256=[iterations=10,password=p]"])
        }
        #expect(throws: (any Error).self) { try Samsa.parseAsRoot(["configs", "--describe", "--entity-type", "groups"]) }
    }

    @Test func serverTakesAddScram() throws {
        let server = try #require(try Samsa.parseAsRoot(["server", "--add-scram", "SCRAM-SHA-256=[name=alice,password=a]",
                                                         "--add-scram", "SCRAM-SHA-512=[name=bob,password=b]"]) as? ServerCommand)
        #expect(server.addScram.count == 2)
        do {
            _ = try Samsa.parseAsRoot(["server", "--add-scram", "SCRAM-SHA-256=[name=alice,password=a,iterations=1]"])
            Issue.record("a bad --add-scram was accepted")
        } catch {
            #expect(Samsa.message(for: error).contains("The 'iterations' value must be >= 4096"))
        }
    }
}
