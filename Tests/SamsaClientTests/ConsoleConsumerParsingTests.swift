import ArgumentParser
import NIOCore
import Testing
@testable import SamsaClient
@testable import samsa

/// console-consumer's deserializer flags and Kafka's `--property …deserializer=` form.
@Suite struct ConsoleConsumerParsingTests {
    func consumer(_ arguments: [String]) throws -> ConsoleConsumerCommand {
        try #require(try Samsa.parseAsRoot(["console-consumer", "--topic", "streams-wordcount-output"] + arguments) as? ConsoleConsumerCommand)
    }

    @Test func kafkasDocumentedPropertyLine() throws {
        let command = try consumer(["--from-beginning", "--formatter", "kafka.tools.DefaultMessageFormatter", "--property", "print.key=true", "--property", "print.value=true",
                                    "--property", "key.deserializer=org.apache.kafka.common.serialization.StringDeserializer",
                                    "--property", "value.deserializer=org.apache.kafka.common.serialization.LongDeserializer"])
        let formatter = try command.makeFormatter()
        #expect(formatter.printKey && formatter.keyDeserializer == .string && formatter.valueDeserializer == .long)
    }

    @Test func deserializerFlags() throws {
        let command = try consumer(["--key-deserializer", "hex", "--value-deserializer", "long"])
        let formatter = try command.makeFormatter()
        #expect(formatter.keyDeserializer == .hex && formatter.valueDeserializer == .long && !command.skipMessageOnError)
        #expect(try consumer(["--value-deserializer", "org.apache.kafka.common.serialization.DoubleDeserializer"]).makeFormatter().valueDeserializer == .double)
        #expect(try consumer(["--skip-message-on-error"]).skipMessageOnError)
        // Given both ways, the same name is fine and different ones are a mistake.
        #expect(try consumer(["--value-deserializer", "long", "--property", "value.deserializer=long"]).makeFormatter().valueDeserializer == .long)
        #expect(throws: (any Error).self) { try consumer(["--value-deserializer", "long", "--property", "value.deserializer=int"]) }
    }

    @Test func unknownDeserializersAreRejectedAtParse() {
        #expect(throws: (any Error).self) { try consumer(["--value-deserializer", "bigint"]) }
        #expect(throws: (any Error).self) { try consumer(["--key-deserializer", "com.example.MyDeserializer"]) }
        #expect(throws: (any Error).self) { try consumer(["--property", "value.deserializer=nope"]) }
        #expect(throws: (any Error).self) { try consumer(["--formatter", "kafka.tools.LoggingMessageFormatter"]) }
    }
}
