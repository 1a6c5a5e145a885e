import ArgumentParser
import SamsaStreams

/// `samsa streams wordcount`: Kafka's WordCountDemo.
struct StreamsWordCountCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wordcount",
        abstract: "Count words of streams-plaintext-input into streams-wordcount-output (Kafka's WordCountDemo).",
        discussion: "Read the counts with: samsa console-consumer --topic streams-wordcount-output --from-beginning --property print.key=true --value-deserializer long")

    @OptionGroup var options: StreamsOptions

    func run() async throws {
        let output = options.output ?? WordCountDemo.outputTopic
        try await StreamsRunner.run(
            options, defaultApplicationId: WordCountDemo.applicationId, defaultProperties: WordCountDemo.defaultProperties,
            topology: try WordCountDemo.topology(input: options.input ?? WordCountDemo.inputTopic, output: output),
            topics: [DemoTopic(options.input ?? WordCountDemo.inputTopic), DemoTopic(output, configs: ["cleanup.policy": "compact"])])
    }
}
