import ArgumentParser
import SamsaStreams

/// `samsa streams linesplit`: Kafka's LineSplit tutorial application.
struct StreamsLineSplitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "linesplit",
        abstract: "Split each line of streams-plaintext-input into words on streams-linesplit-output (Kafka's LineSplit tutorial).")

    @OptionGroup var options: StreamsOptions

    func run() async throws {
        try await StreamsRunner.run(options, defaultApplicationId: LineSplitDemo.applicationId, defaultInput: LineSplitDemo.inputTopic,
                                    defaultOutput: LineSplitDemo.outputTopic, topology: LineSplitDemo.topology(input:output:))
    }
}
