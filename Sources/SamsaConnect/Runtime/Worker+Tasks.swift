import Logging
import SamsaClient

extension Worker {
    /// The body of a task's Swift Task: builds its clients and the task object (inside this Swift Task, as
    /// task objects are not Sendable), runs it, and reports its state.
    func runTask(_ id: ConnectorTaskId, plugin: PluginRegistry.ConnectorPlugin, connector: ConnectorConfig,
                 taskConfig: [String: String], converters: TaskConverters, control: TaskControl) async {
        var taskLogger = logger
        taskLogger[metadataKey: "task"] = "\(id)"
        let client: KafkaClient
        do {
            let security = plugin.type == .source ? config.producerSecurity : config.consumerSecurity
            client = KafkaClient(config: try config.clientConfig(clientId: "\(config.clientId ?? "connector")-\(id)", security: security))
        } catch {
            statusListener.taskStateChanged(id, state: .failed, trace: ConnectTrace.trace(error))
            return
        }
        do {
            let transforms = try TaskTransforms(connector.originals, plugins: plugins)
            defer { transforms.close() }
            switch plugin.make().makeTask() {
            case .source(let task):
                try await runSource(id, task: task, connector: connector, taskConfig: taskConfig, converters: converters,
                                    transforms: transforms, control: control, client: client, logger: taskLogger)
            case .sink(let task):
                try await runSink(id, task: task, connector: connector, taskConfig: taskConfig, converters: converters,
                                  transforms: transforms, control: control, client: client, logger: taskLogger)
            }
        } catch {
            let trace = ConnectTrace.trace(error)
            taskLogger.error("\(id) Task threw an uncaught and unrecoverable exception. Task is being killed and will not recover until manually restarted: \(trace)")
            statusListener.taskStateChanged(id, state: .failed, trace: trace)
        }
        await client.close()
    }

    private func reportStarted(_ id: ConnectorTaskId, _ control: TaskControl) {
        statusListener.taskStateChanged(id, state: control.target == .paused ? .paused : .running, trace: nil)
    }

    private func runSource(_ id: ConnectorTaskId, task: any SourceTask, connector: ConnectorConfig, taskConfig: [String: String],
                           converters: TaskConverters, transforms: TaskTransforms, control: TaskControl,
                           client: KafkaClient, logger: Logger) async throws {
        var producerConfig = ProducerConfig()
        producerConfig.lingerMs = 0
        producerConfig.deliveryTimeoutMs = Int(Int32.max)
        let overrides = config.producerOverrides.merging(ConnectorConfig.stripping("producer.override.", connector.originals)) { $1 }
        for key in try producerConfig.apply(overrides) { logger.warning("The configuration 'producer.\(key)' was supplied but isn't a known config.") }
        let producer = Producer(client: client, config: producerConfig)
        let errors = ErrorHandler(config: connector.errors, taskId: id, logger: logger, deadLetterQueue: nil)
        control.attach(errors)
        let offsets = await offsetStore.offsets(connector: id.connector)
        control.setSourceOffsets(offsets.map { OffsetText.line(partition: $0.key, offset: $0.value) }.sorted())
        let worker = WorkerSourceTask(id: id, task: task, taskConfig: taskConfig,
                                      context: WorkerSourceTaskContext(configs: taskConfig, snapshot: offsets),
                                      control: control, converters: converters, transforms: transforms, errors: errors,
                                      producer: producer, offsetStore: offsetStore, flushIntervalMs: config.offsetFlushIntervalMs,
                                      logger: logger)
        worker.topicCreation = TopicCreation(connector: connector.originals, client: client, logger: logger)
        reportStarted(id, control)
        do {
            try await worker.run()
        } catch {
            await producer.close()
            throw error
        }
        await producer.close()
    }

    private func runSink(_ id: ConnectorTaskId, task: any SinkTask, connector: ConnectorConfig, taskConfig: [String: String],
                         converters: TaskConverters, transforms: TaskTransforms, control: TaskControl,
                         client: KafkaClient, logger: Logger) async throws {
        var consumerConfig = GroupConsumerConfig(groupId: "connect-\(id.connector)")
        consumerConfig.enableAutoCommit = false
        consumerConfig.autoOffsetReset = .earliest
        let overrides = config.consumerOverrides.merging(ConnectorConfig.stripping("consumer.override.", connector.originals)) { $1 }
        for key in try consumerConfig.apply(overrides) { logger.warning("The configuration 'consumer.\(key)' was supplied but isn't a known config.") }
        consumerConfig.enableAutoCommit = false
        let consumer = try GroupConsumer(client: client, config: consumerConfig)
        var dlqProducer: Producer?
        if connector.errors.deadLetterQueueTopic != nil {
            var producerConfig = ProducerConfig()
            _ = try? producerConfig.apply(config.producerOverrides)
            dlqProducer = Producer(client: client, config: producerConfig)
        }
        let errors = ErrorHandler(config: connector.errors, taskId: id, logger: logger,
                                  deadLetterQueue: try await dlqProducer.asyncMap {
                                      try await DeadLetterQueueReporter.make(errors: connector.errors, client: client, producer: $0, logger: logger)
                                  } ?? nil)
        control.attach(errors)
        let batch = ConsumedBatch()
        let context = WorkerSinkTaskContext(configs: taskConfig, errors: errors, taskClass: String(reflecting: type(of: task))) {
            batch.original(of: $0)
        }
        let worker = WorkerSinkTask(id: id, task: task, taskConfig: taskConfig, connector: connector, control: control,
                                    converters: converters, transforms: transforms, errors: errors, consumer: consumer,
                                    context: context, batch: batch, flushIntervalMs: config.offsetFlushIntervalMs, logger: logger)
        reportStarted(id, control)
        do {
            try await worker.run()
        } catch {
            await dlqProducer?.close()
            throw error
        }
        await dlqProducer?.close()
    }
}

extension Optional {
    func asyncMap<U>(_ transform: (Wrapped) async throws -> U) async rethrows -> U? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
