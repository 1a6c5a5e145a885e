import ArgumentParser
import SamsaTUI

/// `samsa perf browse`: the record browser's first screen and page-down on a real partition.
struct PerfBrowseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "browse",
        abstract: "Time the record browser on a partition: the first screen (earliest, middle, latest) and page-down.")

    @OptionGroup var connection: BootstrapOptions
    @Option(help: "Topic to read.") var topic: String
    @Option(help: "Partition to read.") var partition: Int32 = 0
    @Option(help: "Opens of each kind to time.") var opens = 20
    @Option(help: "Page-downs to time.") var pages = 500
    @Option(help: "Rows of the frame.") var rows = 50
    @Option(help: "Columns of the frame.") var cols = 180

    func validate() throws {
        if opens < 1 || pages < 1 || rows < 24 || cols < 80 { throw ValidationError("Use --opens and --pages ≥ 1 and a frame of at least 80×24.") }
    }

    func run() async throws {
        let client = try connection.client(id: "perf-browse")
        let timing = try await measureBrowser(client: client, topic: topic, partition: partition, opens: opens, pages: pages,
                                              rows: rows, cols: cols)
        await client.close()
        print(timing.description)
    }
}
