import ArgumentParser
import Testing
@testable import samsa

@Suite struct CommandParsingTests {
    @Test func topicsNeedsExactlyOneAction() throws {
        #expect(throws: (any Error).self) { try Samsa.parseAsRoot(["topics", "--bootstrap-server", "localhost:9092"]) }
        #expect(throws: (any Error).self) { try Samsa.parseAsRoot(["topics", "--create", "--list"]) }
        #expect(throws: (any Error).self) { try Samsa.parseAsRoot(["topics", "--create"]) }
        #expect(throws: (any Error).self) { try Samsa.parseAsRoot(["topics", "--list", "--partitions", "3"]) }
        let command = try Samsa.parseAsRoot(["topics", "--create", "--topic", "t", "--partitions", "3", "--config", "retention.ms=5",
                                             "--bootstrap-server", "localhost:9092"])
        let topics = try #require(command as? TopicsCommand)
        #expect(topics.partitions == 3 && topics.configs == ["retention.ms=5"])
    }

    @Test func noArgumentsOpenTheWorkbenchAndPerfTuiChecksItsLoad() throws {
        // `samsa` alone is `samsa tui`: the README's run command opens the workbench.
        let workbench = try #require(try Samsa.parseAsRoot([]) as? TuiCommand)
        #expect(workbench.port == 9092 && workbench.brokers == 3 && !workbench.keys)
        #expect(try (Samsa.parseAsRoot(["tui", "--keys"]) as? TuiCommand)?.keys == true)
        let perf = try #require(try Samsa.parseAsRoot(["perf", "tui", "--under-load", "--rate", "5000"]) as? PerfTuiCommand)
        #expect(perf.underLoad && perf.rate == 5000 && perf.seconds == 10)
        #expect(throws: (any Error).self) { try Samsa.parseAsRoot(["perf", "tui", "--under-load", "--rate", "0"]) }
        #expect(throws: (any Error).self) { try Samsa.parseAsRoot(["perf", "tui", "--cols", "40"]) }
    }

    @Test func consoleConsumerValidatesOffsets() throws {
        #expect(throws: (any Error).self) { try Samsa.parseAsRoot(["console-consumer", "--topic", "t", "--offset", "5"]) }
        #expect(throws: (any Error).self) {
            try Samsa.parseAsRoot(["console-consumer", "--topic", "t", "--partition", "0", "--offset", "soon"])
        }
        let command = try Samsa.parseAsRoot(["console-consumer", "--topic", "t", "--partition", "0", "--offset", "5"])
        #expect((command as? ConsoleConsumerCommand)?.start == .offset(5))
        #expect(throws: (any Error).self) { try Samsa.parseAsRoot(["console-consumer", "--topic", "t", "--property", "x"]) }
    }

    @Test func producerRejectsBadProperties() throws {
        #expect(throws: (any Error).self) {
            try Samsa.parseAsRoot(["console-producer", "--topic", "t", "--producer-property", "acks=maybe"])
        }
        #expect(throws: (any Error).self) {
            try Samsa.parseAsRoot(["console-producer", "--topic", "t", "--bootstrap-server", "nope:port"])
        }
        _ = try Samsa.parseAsRoot(["console-producer", "--topic", "t", "--property", "parse.key=true", "--property", "key.separator=:"])
    }

    @Test func serverValidatesFlags() throws {
        #expect(throws: (any Error).self) { try Samsa.parseAsRoot(["server", "--log-level", "loud"]) }
        #expect(throws: (any Error).self) { try Samsa.parseAsRoot(["server", "--override", "novalue"]) }
        _ = try Samsa.parseAsRoot(["server", "--port", "9999", "--data-dir", "/tmp/x", "--override", "num.partitions=3"])
    }

    @Test func aMistypedCommandIsToldAsAnUnknownCommand() {
        // Without this, `samsa topic --list` reached the workbench's options: "Unknown option '--list'".
        let commands = Samsa.commandNames
        #expect(UnknownCommand(arguments: ["topic", "--list"], commands: commands)?.sentence
                == "Unknown command 'topic'. Did you mean 'topics'?")
        #expect(UnknownCommand(arguments: ["consumer-group", "--list"], commands: commands)?.suggestion == "consumer-groups")
        #expect(UnknownCommand(arguments: ["sever"], commands: commands)?.suggestion == "server")
        #expect(UnknownCommand(arguments: ["top"], commands: commands)?.suggestion == "topics")
        #expect(UnknownCommand(arguments: ["topcis"], commands: commands)?.suggestion == "topics")
        #expect(UnknownCommand(arguments: ["con"], commands: commands)?.suggestion == nil)  // which console tool?
        let unrelated = UnknownCommand(arguments: ["frobnicate"], commands: commands)
        #expect(unrelated?.suggestion == nil)
        #expect(unrelated?.sentence.hasPrefix("Unknown command 'frobnicate'; the commands are server, topics,") == true)
        // Options go to the default command (the workbench), and known commands parse as before.
        #expect(UnknownCommand(arguments: [], commands: commands) == nil)
        #expect(UnknownCommand(arguments: ["--port", "9999"], commands: commands) == nil)
        for known in ["topics", "tui", "perf", "help", "console-consumer"] {
            #expect(UnknownCommand(arguments: [known, "--help"], commands: commands) == nil)
        }
    }

    @Test func editDistanceCountsSingleCharacterEdits() {
        #expect(UnknownCommand.editDistance("topic", "topics") == 1)
        #expect(UnknownCommand.editDistance("sever", "server") == 1)
        #expect(UnknownCommand.editDistance("", "tui") == 3)
        #expect(UnknownCommand.editDistance("kitten", "sitting") == 3)
    }
}
