import ArgumentParser
import SamsaStreams

/// `samsa streams pipe`: Kafka's Pipe tutorial application.
struct StreamsPipeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipe",
        abstract: "Copy streams-plaintext-input to streams-pipe-output unchanged (Kafka's Pipe tutorial).")

    @OptionGroup var options: StreamsOptions

    func run() async throws {
        try await StreamsRunner.run(options, defaultApplicationId: PipeDemo.applicationId, defaultInput: PipeDemo.inputTopic,
                                    defaultOutput: PipeDemo.outputTopic, topology: PipeDemo.topology(input:output:))
    }
}
