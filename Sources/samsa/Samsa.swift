import ArgumentParser
import Foundation

@main
struct Samsa: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "samsa",
        abstract: "A Kafka workbench: an embedded Kafka-compatible cluster and Kafka's quick-start tools.",
        subcommands: [ServerCommand.self, TopicsCommand.self, ConsoleProducerCommand.self, ConsoleConsumerCommand.self,
                      ConsumerGroupsCommand.self, ConfigsCommand.self, AclsCommand.self, DeleteRecordsCommand.self, LogDirsCommand.self, DumpLogCommand.self, TransactionsCommand.self, ClusterCommand.self, StreamsCommand.self, ConnectStandaloneCommand.self, ConnectDistributedCommand.self, PerfCommand.self, TuiCommand.self],
        defaultSubcommand: TuiCommand.self
    )

    /// What may come first on the command line: the subcommands, and the parser's own `help`.
    static var commandNames: [String] {
        configuration.subcommands.flatMap { [$0._commandName] + $0.configuration.aliases } + ["help"]
    }

    /// A mistyped command is told as such, in one line, before the parser reads the rest as the
    /// workbench's options.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let unknown = UnknownCommand(arguments: arguments, commands: commandNames) {
            FileHandle.standardError.write(Data("Error: \(unknown.sentence)\n".utf8))
            exit(withError: ExitCode.validationFailure)
        }
        await main(arguments)
    }
}
