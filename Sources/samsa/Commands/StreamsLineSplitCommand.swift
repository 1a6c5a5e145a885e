import ArgumentParser
import SamsaStreams

/// `samsa streams linesplit`: Kafka's LineSplit tutorial application.
struct StreamsLineSplitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "linesplit",
        abstract: "Split each line of streams-plaintext-input into words on streams-linesplit-output (Kafka's LineSplit tutorial).")

    @OptionGroup var options: StreamsOptions

    func run() async throws {
        let input = options.input ?? LineSplitDemo.inputTopic, output = options.output ?? LineSplitDemo.outputTopic
        try await StreamsRunner.run(options, defaultApplicationId: LineSplitDemo.applicationId,
                                    topology: try LineSplitDemo.topology(input: input, output: output),
                                    topics: [DemoTopic(input), DemoTopic(output)])
    }
}
