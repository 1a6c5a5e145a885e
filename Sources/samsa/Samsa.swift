import ArgumentParser

@main
struct Samsa: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "samsa",
        abstract: "A Kafka workbench: an embedded Kafka-compatible cluster and Kafka's quick-start tools.",
        subcommands: [ServerCommand.self, TopicsCommand.self, ConsoleProducerCommand.self, ConsoleConsumerCommand.self,
                      ConsumerGroupsCommand.self, ClusterCommand.self, PerfCommand.self, TuiCommand.self],
        defaultSubcommand: TuiCommand.self
    )
}
