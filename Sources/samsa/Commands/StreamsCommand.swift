import ArgumentParser

/// `samsa streams …`: the demo applications of Kafka's streams quick start, run on SamsaStreams.
struct StreamsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "streams",
        abstract: "Run Kafka's streams demo applications (word count, pipe, line split) and a windowed page-view count against any Kafka cluster.",
        discussion: """
        Each runs until Ctrl-C or SIGTERM, then commits, flushes its state stores and leaves its group. Missing input \
        and output topics are created with the cluster's defaults, as Kafka's quick start has you do by hand.
        """,
        subcommands: [StreamsWordCountCommand.self, StreamsPipeCommand.self, StreamsLineSplitCommand.self, StreamsPageViewsCommand.self])
}
