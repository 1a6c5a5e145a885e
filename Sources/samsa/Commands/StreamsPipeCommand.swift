import ArgumentParser
import SamsaStreams

/// `samsa streams pipe`: Kafka's Pipe tutorial application.
struct StreamsPipeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipe",
        abstract: "Copy streams-plaintext-input to streams-pipe-output unchanged (Kafka's Pipe tutorial).")

    @OptionGroup var options: StreamsOptions

    func run() async throws {
        let input = options.input ?? PipeDemo.inputTopic, output = options.output ?? PipeDemo.outputTopic
        try await StreamsRunner.run(options, defaultApplicationId: PipeDemo.applicationId,
                                    topology: try PipeDemo.topology(input: input, output: output),
                                    topics: [DemoTopic(input), DemoTopic(output)])
    }
}
