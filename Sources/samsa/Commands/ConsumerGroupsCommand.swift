import ArgumentParser
import Foundation
import SamsaClient
import SamsaProtocol

/// `samsa consumer-groups`: list, describe, reset and delete consumer groups (like kafka-consumer-groups.sh).
struct ConsumerGroupsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consumer-groups",
        abstract: "List, describe, reset the offsets of and delete consumer groups (like kafka-consumer-groups.sh).",
        discussion: """
        --reset-offsets is a dry run unless --execute is given, and only works while the group has no active members.
        --to-datetime takes YYYY-MM-DDTHH:mm:SS.sss (UTC unless followed by Z, ±HH:MM).
        --by-duration takes an ISO-8601 duration PnDTnHnMnS (PT15M, P1DT2H) and resets to that long before now.
        """)

    @OptionGroup var connection: BootstrapOptions

    @Flag(help: "List every consumer group.") var list = false
    @Flag(help: "Describe groups: offsets and lag per partition (default), --members or --state.") var describe = false
    @Flag(name: .customLong("reset-offsets"), help: "Reset a group's committed offsets (dry run unless --execute).") var resetOffsets = false
    @Flag(help: "Delete groups that have no active members.") var delete = false
    @Flag(name: .customLong("delete-offsets"), help: "Delete a group's committed offsets of --topic (not of topics its members consume).")
    var deleteOffsets = false

    @Option(help: "The group (repeatable).") var group: [String] = []
    @Flag(name: .customLong("all-groups"), help: "Apply to every group.") var allGroups = false
    @Flag(help: "With --describe: one row per member, with its number of partitions.") var members = false
    @Flag(help: "With --describe: the group's coordinator, assignor, state and member count.") var state = false
    @Flag(help: "With --describe --members: each member's partitions.") var verbose = false

    @Option(help: ArgumentHelp("With --reset-offsets or --delete-offsets: a topic, or topic:partition,partition (repeatable).",
                               valueName: "topic[:partitions]"))
    var topic: [String] = []
    @Flag(name: .customLong("all-topics"), help: "With --reset-offsets: every partition the group has committed.") var allTopics = false
    @Flag(name: .customLong("to-earliest"), help: "Reset to the earliest offset.") var toEarliest = false
    @Flag(name: .customLong("to-latest"), help: "Reset to the latest offset.") var toLatest = false
    @Option(name: .customLong("to-offset"), help: "Reset to this offset (clamped into the partition's range).") var toOffset: Int64?
    @Option(name: .customLong("to-datetime"), help: "Reset to the first offset at or after this time.") var toDatetime: String?
    @Option(name: .customLong("by-duration"), help: "Reset to the first offset at or after now minus this duration (PnDTnHnMnS).")
    var byDuration: String?
    @Flag(name: .customLong("to-current"), help: "Reset to the current committed offset (the latest where none).") var toCurrent = false
    @Option(name: .customLong("shift-by"), parsing: .unconditional, help: "Move the committed offset by this much (negative moves back).") var shiftBy: Int64?
    @Flag(help: "With --reset-offsets: commit the new offsets.") var execute = false
    @Flag(name: .customLong("dry-run"), help: "With --reset-offsets: only show the new offsets (the default).") var dryRun = false

    func validate() throws {
        guard [list, describe, resetOffsets, delete, deleteOffsets].filter({ $0 }).count == 1 else {
            throw ValidationError("Give exactly one of --list, --describe, --reset-offsets, --delete or --delete-offsets.")
        }
        if deleteOffsets {
            guard group.count == 1, !allGroups, !topic.isEmpty else {
                throw ValidationError("Option --delete-offsets takes the following options: --group (one), --topic.")
            }
            do {
                for item in topic { _ = try OffsetResetPlan.parseTopic(item) }
            } catch let error as ClientError {
                throw ValidationError(error.description)
            }
        }
        if !group.isEmpty && allGroups { throw ValidationError("Give --group or --all-groups, not both.") }
        if (describe || resetOffsets || delete) && group.isEmpty && !allGroups {
            throw ValidationError("--describe, --reset-offsets and --delete need --group or --all-groups.")
        }
        if list && (!group.isEmpty || allGroups) { throw ValidationError("--list takes no --group or --all-groups.") }
        if (members || state || verbose) && !describe { throw ValidationError("--members, --state and --verbose only apply to --describe.") }
        if members && state { throw ValidationError("Give --members or --state, not both.") }
        if verbose && !members { throw ValidationError("--verbose only applies to --describe --members.") }
        let resetOnly = (!topic.isEmpty && !deleteOffsets) || allTopics || execute || dryRun || scenarioCount > 0
        if resetOnly && !resetOffsets {
            throw ValidationError("--topic, --all-topics, --to-*, --shift-by, --execute and --dry-run only apply to --reset-offsets.")
        }
        if resetOffsets {
            if topic.isEmpty == !allTopics { throw ValidationError("--reset-offsets needs --topic or --all-topics (one of them).") }
            if scenarioCount != 1 {
                throw ValidationError("--reset-offsets needs exactly one of --to-earliest, --to-latest, --to-current, --to-offset, --to-datetime, --by-duration or --shift-by.")
            }
            if execute && dryRun { throw ValidationError("Give --execute or --dry-run, not both.") }
            if let toOffset, toOffset < 0 { throw ValidationError("--to-offset must not be negative.") }
            do {
                for item in topic { _ = try OffsetResetPlan.parseTopic(item) }
                _ = try scenario()
            } catch let error as ClientError {
                throw ValidationError(error.description)
            }
        }
    }

    private var scenarioCount: Int {
        [toEarliest, toLatest, toCurrent, toOffset != nil, toDatetime != nil, byDuration != nil, shiftBy != nil].filter { $0 }.count
    }

    func scenario() throws -> OffsetResetScenario {
        if toEarliest { return .earliest }
        if toLatest { return .latest }
        if let toOffset { return .offset(toOffset) }
        if toCurrent { return .current }
        if let toDatetime { return .datetime(try OffsetResetPlan.parseDateTime(toDatetime)) }
        // As kafka-consumer-groups: the duration counts back from now, then resets as --to-datetime would.
        if let byDuration {
            return .datetime(Int64(Date().timeIntervalSince1970 * 1000) - (try OffsetResetPlan.parseDuration(byDuration)))
        }
        return .shiftBy(shiftBy ?? 0)
    }

    func run() async throws {
        let client = try connection.client(id: "samsa-consumer-groups")
        let ok: Bool
        do {
            ok = try await perform(ConsumerGroupsTool(admin: Admin(client: client)))
            await client.close()
        } catch {
            await client.close()
            throw error
        }
        if !ok { throw ExitCode(1) }
    }

    /// Runs the action; false when some group could not be handled (reported already).
    private func perform(_ tool: ConsumerGroupsTool) async throws -> Bool {
        if list {
            for id in try await tool.groupIds() { print(id) }
            return true
        }
        if deleteOffsets {
            let (output, deleted) = try await tool.deleteOffsets(group[0], topics: topic)
            printOut(output, terminator: "")
            return deleted
        }
        let groups = allGroups ? try await tool.groupIds() : group
        var ok = true
        if delete {
            let (lines, deleted) = try await tool.deleteGroups(groups)
            for line in lines { if deleted { printOut(line) } else { printError(line) } }
            return deleted
        }
        if resetOffsets {
            var plans: [(group: String, offsets: [TopicPartition: Int64])] = []
            for id in groups {
                do {
                    plans.append((id, try await tool.resetOffsets(id, topics: topic, allTopics: allTopics, to: try scenario(), execute: execute)))
                } catch let error as ClientError {
                    printError("\nError: \(error)")
                    ok = false
                }
            }
            if !plans.isEmpty { printOut(ConsumerGroupsFormat.resetPlan(plans), terminator: "") }
            return ok
        }
        for id in groups {
            ok = try await describe(id, with: tool) && ok
        }
        return ok
    }

    private func describe(_ id: String, with tool: ConsumerGroupsTool) async throws -> Bool {
        let group: ConsumerGroupDescription, rows: [GroupOffsetRow]
        if state || members {
            guard let described = try await tool.admin.describeGroups([id]).first else { return false }
            (group, rows) = (described, [])
        } else {
            (group, rows) = try await tool.describeOffsets(id)
        }
        if let note = ConsumerGroupsFormat.stateNote(group) { printError("\n" + note) }
        if group.state == "Dead" { return false }
        if state {
            printOut(ConsumerGroupsFormat.state(group), terminator: "")
        } else if members {
            if !group.members.isEmpty { printOut(ConsumerGroupsFormat.members(group, verbose: verbose), terminator: "") }
        } else if !rows.isEmpty {
            printOut(ConsumerGroupsFormat.offsets(rows), terminator: "")
        }
        return true
    }

    private func printOut(_ text: String) { printOut(text, terminator: "\n") }

    private func printOut(_ text: String, terminator: String) {
        FileHandle.standardOutput.write(Data((text + terminator).utf8))
    }

    private func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
