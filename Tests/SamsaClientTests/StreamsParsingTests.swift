import ArgumentParser
import Foundation
import Testing
@testable import samsa

/// `samsa streams wordcount|pipe|linesplit` flags.
@Suite struct StreamsParsingTests {
    @Test func wordCountDefaultsAreKafkasQuickStart() throws {
        let command = try #require(try Samsa.parseAsRoot(["streams", "wordcount"]) as? StreamsWordCountCommand)
        let (config, warnings) = try command.options.streamsConfig(defaultApplicationId: "streams-wordcount")
        #expect(config.applicationId == "streams-wordcount" && config.bootstrapServers == "localhost:9092")
        #expect(config.processingGuarantee == .atLeastOnce && config.numStreamThreads == 1 && warnings.isEmpty)
        #expect(command.options.input == nil && command.options.output == nil && command.options.statusIntervalMs == 5000)
    }

    @Test func flagsBecomeStreamsProperties() throws {
        let command = try #require(try Samsa.parseAsRoot([
            "streams", "wordcount", "--bootstrap-server", "127.0.0.1:9093", "--application-id", "wc-2", "--input", "lines",
            "--output", "counts", "--state-dir", "/tmp/wc", "--processing-guarantee", "exactly_once_v2", "--num-stream-threads", "2",
        ]) as? StreamsWordCountCommand)
        let config = try command.options.streamsConfig(defaultApplicationId: "streams-wordcount").config
        #expect(config.applicationId == "wc-2" && config.bootstrapServers == "127.0.0.1:9093" && config.stateDir == "/tmp/wc")
        #expect(config.processingGuarantee == .exactlyOnceV2 && config.numStreamThreads == 2)
        #expect(command.options.input == "lines" && command.options.output == "counts")
    }

    @Test func configFileUnderFlags() throws {
        let path = NSTemporaryDirectory() + "streams-\(UUID().uuidString).properties"
        try "# a Kafka Streams properties file\napplication.id=from-file\ncommit.interval.ms=250\nprocessing.guarantee=exactly_once_v2\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let command = try #require(try Samsa.parseAsRoot(["streams", "pipe", "--config", path, "--processing-guarantee", "at_least_once"])
            as? StreamsPipeCommand)
        let config = try command.options.streamsConfig(defaultApplicationId: "streams-pipe").config
        #expect(config.applicationId == "from-file" && config.commitIntervalMs == 250 && config.processingGuarantee == .atLeastOnce)
    }

    @Test func pageViewsTakesItsTableTopic() throws {
        let command = try #require(try Samsa.parseAsRoot(["streams", "pageviews", "--user-profiles", "profiles", "--input", "views"])
            as? StreamsPageViewsCommand)
        #expect(command.userProfiles == "profiles" && command.options.input == "views")
        let defaults = try #require(try Samsa.parseAsRoot(["streams", "pageviews"]) as? StreamsPageViewsCommand)
        #expect(defaults.userProfiles == nil)
    }

    @Test func badValuesAreOneSentence() {
        for arguments in [
            ["streams", "wordcount", "--processing-guarantee", "exactly_once_v3"],
            ["streams", "wordcount", "--num-stream-threads", "0"],
            ["streams", "linesplit", "--config", "/nonexistent/streams.properties"],
            ["streams", "wordcount", "--application-id", "bad id"],
            ["streams", "wordcount", "--bootstrap-server", "nohostport:x"],
            ["streams", "pipe", "--input", ""],
            ["streams", "pipe", "--log-level", "loud"],
            ["streams", "nosuchdemo"],
        ] {
            #expect(throws: (any Error).self, "\(arguments)") { try Samsa.parseAsRoot(arguments) }
        }
        #expect((try? Samsa.parseAsRoot(["streams", "linesplit"])) is StreamsLineSplitCommand)
    }
}
