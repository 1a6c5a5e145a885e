import Testing
@testable import SamsaEngine
@testable import SamsaServer
import SamsaProtocol

@Suite struct ServerOptionsTests {
    @Test func parsesJavaPropertiesSyntax() throws {
        let text = """
        # comment
        ! another comment
        listeners=PLAINTEXT://localhost:9192
        log.dirs = /tmp/a,/tmp/b
        num.partitions: 3
        long.value=one\\
            two
        key\\ with\\ space=x\\ty

        """
        let parsed = try JavaProperties.parse(text)
        #expect(parsed["listeners"] == "PLAINTEXT://localhost:9192")
        #expect(parsed["log.dirs"] == "/tmp/a,/tmp/b")
        #expect(parsed["num.partitions"] == "3")
        #expect(parsed["long.value"] == "onetwo")
        #expect(parsed["key with space"] == "x\ty")
    }

    @Test func resolvesListenersDirectoriesAndSettings() throws {
        var options = ServerOptions()
        options.properties = ["listeners": "PLAINTEXT://127.0.0.1:9192", "log.dirs": "/tmp/x,/tmp/y",
                              "num.partitions": "4", "auto.create.topics.enable": "false"]
        let config = try options.clusterConfig()
        #expect(config.ports == [9192])
        #expect(config.host == "127.0.0.1")
        #expect(config.dataDirectory == "/tmp/x")
        #expect(config.settings.int64("num.partitions") == 4)
        #expect(config.settings.bool("auto.create.topics.enable") == false)
        options.port = 7000
        options.brokers = 3
        options.dataDirectory = "/tmp/z"
        let flagged = try options.clusterConfig()
        #expect(flagged.ports == [7000, 7001, 7002])
        #expect(flagged.dataDirectory == "/tmp/z")
    }

    @Test func rejectsBadValuesWithOneSentence() {
        for properties in [["num.partitions": "many"], ["message.max.bytes": "-5"], ["listeners": "nonsense"],
                           ["default.replication.factor": "3"]] {
            var options = ServerOptions()
            options.properties = properties
            #expect(throws: ServerError.self) { try options.clusterConfig() }
        }
        var options = ServerOptions()
        options.port = 70000
        #expect(throws: ServerError.self) { try options.clusterConfig() }
    }
}
