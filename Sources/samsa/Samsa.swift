import ArgumentParser

@main
struct Samsa: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "samsa",
        abstract: "A Kafka workbench: an embedded Kafka-compatible cluster and Kafka's quick-start tools.",
        subcommands: [ServerCommand.self]
    )
}
