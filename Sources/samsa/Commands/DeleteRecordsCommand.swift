import ArgumentParser
import Foundation
import SamsaClient

/// `samsa delete-records`: deletes the records of partitions below the offsets in a JSON file (like kafka-delete-records.sh).
struct DeleteRecordsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete-records",
        abstract: "Delete the records of partitions below given offsets (like kafka-delete-records.sh).",
        discussion: """
        The JSON file lists an offset per partition (-1: the high watermark):
        {"partitions": [{"topic": "foo", "partition": 1, "offset": 1}], "version": 1}
        """)

    @OptionGroup var connection: BootstrapOptions
    @Option(name: .customLong("offset-json-file"), help: "REQUIRED: The JSON file with offset per partition.") var offsetJsonFile: String

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: offsetJsonFile) else {
            throw ClientError.invalidArgument("Cannot read --offset-json-file \(offsetJsonFile).")
        }
        let offsets = try DeleteRecordsPlan.parse(String(decoding: data, as: UTF8.self))
        let client = try connection.client(id: "samsa-delete-records")
        print("Executing records delete operation")
        let results: [RecordsDeletion]
        do {
            results = try await Admin(client: client).deleteRecords(offsets)
            await client.close()
        } catch {
            await client.close()
            throw error
        }
        print("Records delete operation completed:")
        for line in DeleteRecordsPlan.resultLines(results) { print(line) }
        if results.contains(where: { $0.error != .none }) { throw ExitCode(1) }
    }
}
