import Logging

/// A generator task, as Datagen's `DatagenTask`: source partition `{"task.id": N}`, offset
/// `{"task.generation", "current.iteration", "random.seed"}` holding the state to continue from, so a restart
/// carries on the count (and, with `random.seed`, the same random sequence). Headers `task.generation`,
/// `task.id`, `current.iteration` as Datagen writes them. After `iterations` records the task goes idle
/// (Datagen fails the task instead).
public final class GeneratorSourceTask: SourceTask {
    public static let taskGenerationField = "task.generation"
    public static let currentIterationField = "current.iteration"
    public static let randomSeedField = "random.seed"
    /// Records per poll when `max.interval` is 0.
    static let unthrottledBatch = 500

    private var topic = ""
    private var quickstart = GeneratorQuickstart.users
    private var maxInterval: Int64 = 500
    private var iterations: Int64 = 0
    private var taskId: Int64 = 0
    private var taskGeneration: Int64 = 0
    private var count: Int64 = 0
    private var rng = SplitMix64(seed: 0)
    private var nextDue: ContinuousClock.Instant?
    private var reportedDone = false
    private let stopSignal = StopSignal()
    private let logger = Logger(label: "samsa.connect.generator")

    public init() {}

    public var version: String { PluginRegistry.kafkaVersion }

    var sourcePartition: SourceMap { [GeneratorSourceConnector.taskIdConfig: .int64(taskId)] }

    public func start(_ props: [String: String], context: SourceTaskContext) throws {
        let parsed = try GeneratorSourceConnector.configDef.parse(props)
        topic = parsed[GeneratorSourceConnector.kafkaTopicConfig] ?? ""
        quickstart = GeneratorQuickstart(rawValue: (parsed[GeneratorSourceConnector.quickstartConfig] ?? "").lowercased()) ?? .users
        maxInterval = max(0, Int64(parsed[GeneratorSourceConnector.maxIntervalConfig] ?? "") ?? 500)
        iterations = Int64(parsed[GeneratorSourceConnector.iterationsConfig] ?? "") ?? 0
        taskId = Int64(parsed[GeneratorSourceConnector.taskIdConfig] ?? "0") ?? 0

        if let seed = Int64(parsed[GeneratorSourceConnector.randomSeedConfig] ?? "") {
            // Each task advances the seeded stream by its id, so tasks differ but stay deterministic.
            rng = SplitMix64(seed: seed)
            for _ in 0..<taskId { rng = SplitMix64(seed: rng.nextSeed()) }
        } else {
            rng = SplitMix64(seed: .random(in: .min ... .max))
        }
        if let offset = context.offset(for: sourcePartition) {
            // The stored offset is the next state: restore it as it is.
            guard let generation = offset[Self.taskGenerationField]?.integerValue,
                  let iteration = offset[Self.currentIterationField]?.integerValue,
                  let seed = offset[Self.randomSeedField]?.integerValue else {
                throw ConnectError.connect("The generator's stored offset \(offset) lacks task.generation, current.iteration or random.seed as numbers")
            }
            taskGeneration = generation
            count = iteration
            rng = SplitMix64(seed: seed)
        }
    }

    public func poll() async throws -> [ConnectRecord]? {
        if iterations > 0 && count >= iterations {
            if !reportedDone {
                logger.info("Generated the configured \(iterations) records into \(topic); idle from now on")
                reportedDone = true
            }
            await stopSignal.wait(for: .seconds(1))
            return nil
        }
        if maxInterval == 0 {
            let n = iterations > 0 ? min(Int64(Self.unthrottledBatch), iterations - count) : Int64(Self.unthrottledBatch)
            return (0..<n).map { _ in nextRecord() }
        }
        // Datagen sleeps a random time up to max.interval before each record; wait in slices of at most a second.
        let due = nextDue ?? (.now + .milliseconds(Int64.random(in: 0..<maxInterval)))
        nextDue = due
        await stopSignal.wait(until: min(due, .now + .seconds(1)))
        guard ContinuousClock.now >= due, !stopSignal.isRaised else { return nil }
        nextDue = nil
        return [nextRecord()]
    }

    public func stop() { stopSignal.raise() }

    /// One record, re-seeding the generator so the offset can carry the seed of the next one (as Datagen).
    func nextRecord() -> ConnectRecord {
        let value = quickstart.generate(iteration: count, using: &rng)
        let seed = rng.nextSeed()
        rng = SplitMix64(seed: seed)
        let headers = [
            ConnectHeader(key: Self.taskGenerationField, schema: .int64, value: .int64(taskGeneration)),
            ConnectHeader(key: GeneratorSourceConnector.taskIdConfig, schema: .int64, value: .int64(taskId)),
            ConnectHeader(key: Self.currentIterationField, schema: .int64, value: .int64(count)),
        ]
        let record = ConnectRecord(
            sourcePartition: sourcePartition,
            sourceOffset: [Self.taskGenerationField: .int64(taskGeneration + 1),
                           Self.currentIterationField: .int64(count + 1),
                           Self.randomSeedField: .int64(seed)],
            topic: topic, keySchema: .string, key: .string(value[quickstart.keyField]?.javaString ?? ""),
            valueSchema: quickstart.schema, value: .structure(value), headers: headers)
        count += 1
        return record
    }
}
