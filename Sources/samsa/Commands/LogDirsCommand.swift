import ArgumentParser
import Foundation
import SamsaClient

/// `samsa log-dirs --describe`: each broker's data directory and the size of every replica in it (like kafka-log-dirs.sh).
struct LogDirsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log-dirs",
        abstract: "Query log directory usage on brokers (like kafka-log-dirs.sh).")

    @OptionGroup var connection: BootstrapOptions
    @Flag(help: "Describe the log directories on the brokers.") var describe = false
    @Option(name: .customLong("topic-list"), help: "Only these topics, \"topic1,topic2\" (default: all).") var topicList = ""
    @Option(name: .customLong("broker-list"), help: "Only these brokers, \"0,1,2\" (default: all).") var brokerList = ""

    func validate() throws {
        guard describe else { throw ValidationError("Missing required argument \"[describe]\".") }
        _ = try brokers()
    }

    func brokers() throws -> [Int32] {
        try brokerList.split(separator: ",").map { item in
            guard let id = Int32(item.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("--broker-list expects broker ids such as 0,1,2, not \"\(item)\".")
            }
            return id
        }
    }

    func run() async throws {
        let client = try connection.client(id: "log-dirs-tool")
        do {
            let admin = Admin(client: client)
            let existing = try await admin.describeCluster().nodes.map(\.id)
            let asked = try brokers()
            let missing = Set(asked).subtracting(existing)
            if !missing.isEmpty {
                FileHandle.standardError.write(Data(("ERROR: The given brokers do not exist from --broker-list: "
                    + LogDirsFormat.brokerList(Array(missing)) + ". Current existent brokers: " + LogDirsFormat.brokerList(existing) + "\n").utf8))
                await client.close()
                throw ExitCode(1)
            }
            let queried = asked.isEmpty ? existing : Array(Set(asked))
            print("Querying brokers for log directories information")
            let dirs = try await admin.describeLogDirs(brokers: queried.sorted())
            print("Received log directory information from brokers \(LogDirsFormat.brokerList(queried))")
            let topics = Set(topicList.split(separator: ",").map { String($0) }.filter { !$0.isEmpty })
            print(LogDirsFormat.json(dirs, topics: topics))
            await client.close()
        } catch {
            await client.close()
            throw error
        }
    }
}
