import Foundation
import Logging
import NIOCore
import NIOEmbedded
import SamsaEngine
import SamsaProtocol
import Synchronization
import Testing
@testable import SamsaServer

/// The connection handler on a test channel: Kafka's muting (a connection's reads pause while its
/// requests are in the broker), answers in request order, writability and a full request queue.
@Suite struct ConnectionHandlerTests {
    /// ApiVersions requests wait for the test to answer them; Metadata is answered at once, or blocks its
    /// handler thread until `unblock()` when `blockMetadata` is set.
    final class Gate: Sendable {
        private let parked = Mutex<[EventLoopPromise<ApiVersionsResponse>]>([])
        let handled = Atomic<Int>(0)
        let blockMetadata: Bool
        private let blocker = DispatchSemaphore(value: 0)

        init(blockMetadata: Bool = false) { self.blockMetadata = blockMetadata }

        var dispatcher: RequestDispatcher {
            var dispatcher = RequestDispatcher()
            dispatcher.register(ApiVersionsRequest.self) { [self] _, context in
                handled.add(1, ordering: .relaxed)
                let promise = context.eventLoop.makePromise(of: ApiVersionsResponse.self)
                parked.withLock { $0.append(promise) }
                return .later(promise.futureResult)
            }
            dispatcher.register(MetadataRequest.self) { [self] _, _ in
                handled.add(1, ordering: .relaxed)
                if blockMetadata { blocker.wait() }
                return .now(MetadataResponse(brokers: [], clusterId: "c", controllerId: 0, topics: []))
            }
            return dispatcher
        }

        var parkedCount: Int { parked.withLock { $0.count } }

        /// Answers the oldest parked ApiVersions request.
        func answerOldest() {
            let promise = parked.withLock { $0.removeFirst() }
            promise.succeed(ApiVersionsResponse(errorCode: .none, apiKeys: []))
        }

        func unblock() { blocker.signal() }
    }

    /// Counts the reads the connection handler lets through to the socket.
    final class ReadCounter: ChannelOutboundHandler, Sendable {
        typealias OutboundIn = NIOAny
        let reads = Atomic<Int>(0)
        func read(context: ChannelHandlerContext) {
            reads.add(1, ordering: .relaxed)
            context.read()
        }
    }

    struct Harness {
        let channel: NIOAsyncTestingChannel
        let reads: ReadCounter

        func backlog() async throws -> (frames: Int, inFlight: Int, waitingForRoom: Bool) {
            try await channel.eventLoop.submit { [channel] in
                try channel.pipeline.syncOperations.handler(type: ConnectionHandler.self).backlog
            }.get()
        }

        /// Asks the channel to read, as NIO does when it may read more, and returns once the pipeline has seen it.
        func read() async throws {
            try await channel.eventLoop.submit { [channel] in channel.read() }.get()
        }

        func correlationIds(_ count: Int) async throws -> [Int32] {
            var ids: [Int32] = []
            for _ in 0..<count {
                var frame = try await channel.waitForOutboundWrite(as: ByteBuffer.self)
                _ = frame.readInteger(as: Int32.self)
                let id = frame.readInteger(as: Int32.self)
                ids.append(try #require(id))
            }
            return ids
        }
    }

    static func request<R: KafkaRequest>(_ request: R, version: Int16, correlationId: Int32) -> ByteBuffer {
        var writer = KafkaWriter(buffer: ByteBuffer(), flexible: R.isFlexible(version))
        writer.buffer.writeInteger(0 as Int32)
        RequestHeader(apiKey: R.apiKey, apiVersion: version, correlationId: correlationId, clientId: "t")
            .write(to: &writer, flexible: R.isFlexible(version))
        request.write(to: &writer, version: version)
        writer.buffer.setInteger(Int32(writer.buffer.readableBytes - 4), at: writer.buffer.readerIndex)
        return writer.buffer
    }

    static func apiVersions(_ id: Int32) -> ByteBuffer { request(ApiVersionsRequest(), version: 3, correlationId: id) }
    static func metadata(_ id: Int32) -> ByteBuffer {
        request(MetadataRequest(topics: [], allowAutoTopicCreation: false), version: 9, correlationId: id)
    }

    /// Runs `body` against `connections` handlers sharing one cluster and one request-handler pool.
    static func withHandlers(_ connections: Int = 1, gate: Gate, window: Int = 1, threads: Int = 2, queue: Int = 500,
                             maxFrame: Int = 1 << 20, _ body: ([Harness]) async throws -> Void) async throws {
        let directory = NSTemporaryDirectory() + "samsa-conn-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cluster = try Cluster(config: ClusterConfig(dataDirectory: directory, ports: [0]))
        defer { cluster.shutdown() }
        let pool = RequestHandlerPool(threads: threads, capacity: queue)
        pool.start()
        var harnesses: [Harness] = []
        for _ in 0..<connections {
            let reads = ReadCounter()
            let channel = NIOAsyncTestingChannel()
            let dispatcher = gate.dispatcher
            try await channel.eventLoop.submit {
                let pipeline = channel.pipeline.syncOperations
                try pipeline.addHandler(reads)
                try pipeline.addHandler(ByteToMessageHandler(FrameDecoder(maxFrameSize: maxFrame)))
                try pipeline.addHandler(ConnectionHandler(broker: cluster.brokers[0], cluster: cluster, dispatcher: dispatcher,
                                                          pool: pool, window: window, logger: Logger(label: "test"),
                                                          session: ConnectionSession(listener: cluster.config.listeners[0],
                                                                                     clientAddress: "127.0.0.1")))
            }.get()
            harnesses.append(Harness(channel: channel, reads: reads))
        }
        var failure: Error?
        do { try await body(harnesses) } catch { failure = error }
        for harness in harnesses { _ = try? await harness.channel.finish(acceptAlreadyClosed: true) }
        await pool.shutdown()
        if let failure { throw failure }
    }

    static func withHandler(gate: Gate, window: Int = 1, maxFrame: Int = 1 << 20,
                            _ body: (Harness) async throws -> Void) async throws {
        try await withHandlers(gate: gate, window: window, maxFrame: maxFrame) { try await body($0[0]) }
    }

    static func concatenated(_ frames: [ByteBuffer]) -> ByteBuffer {
        var all = ByteBuffer()
        for var frame in frames { all.writeBuffer(&frame) }
        return all
    }

    @Test func aConnectionHasOneRequestInTheBrokerAndReadsNothingMeanwhile() async throws {
        let gate = Gate()
        try await Self.withHandler(gate: gate) { h in
            // A pipelining client: three requests arrive in one read.
            try await h.channel.writeInbound(Self.concatenated((1...3).map(Self.apiVersions)))
            try await eventually { gate.parkedCount == 1 }
            var backlog = try await h.backlog()
            #expect(backlog.frames == 2 && backlog.inFlight == 1)
            // The socket is not read while requests wait.
            let readsBefore = h.reads.reads.load(ordering: .relaxed)
            try await h.read()
            #expect(h.reads.reads.load(ordering: .relaxed) == readsBefore)

            gate.answerOldest()
            #expect(try await h.correlationIds(1) == [1])
            try await eventually { gate.parkedCount == 1 && gate.handled.load(ordering: .relaxed) == 2 }
            gate.answerOldest()
            try await eventually { gate.parkedCount == 1 && gate.handled.load(ordering: .relaxed) == 3 }
            gate.answerOldest()
            #expect(try await h.correlationIds(2) == [2, 3])
            // Everything answered: the held read goes to the socket now.
            try await eventually { h.reads.reads.load(ordering: .relaxed) > readsBefore }
            backlog = try await h.backlog()
            #expect(backlog.frames == 0 && backlog.inFlight == 0)
        }
    }

    @Test func answersAreWrittenInRequestOrderWhenALaterOneIsReadyFirst() async throws {
        let gate = Gate()
        try await Self.withHandler(gate: gate, window: 2) { h in
            try await h.channel.writeInbound(Self.concatenated([Self.apiVersions(1), Self.metadata(2)]))
            try await eventually { gate.handled.load(ordering: .relaxed) == 2 }
            // Metadata (2) is answered already, but waits behind ApiVersions (1).
            try await eventually { try await h.backlog().inFlight == 2 }
            #expect(try await h.channel.readOutbound(as: ByteBuffer.self) == nil)
            gate.answerOldest()
            #expect(try await h.correlationIds(2) == [1, 2])
        }
    }

    @Test func aConnectionsRequestsRunOneAtATimeInTheirOrderWhateverTheWindow() async throws {
        let gate = Gate(blockMetadata: true)
        try await Self.withHandlers(gate: gate, window: 5, threads: 4) { h in
            try await h[0].channel.writeInbound(Self.concatenated([Self.metadata(1), Self.metadata(2), Self.apiVersions(3)]))
            try await eventually { gate.handled.load(ordering: .relaxed) == 1 }
            // The first blocks its thread; three more threads are idle, yet the second waits its turn.
            let running = try await h[0].channel.eventLoop.submit { [channel = h[0].channel] in
                try channel.pipeline.syncOperations.handler(type: ConnectionHandler.self).isExecuting
            }.get()
            #expect(running)
            #expect(gate.handled.load(ordering: .relaxed) == 1)
            // With a window of five the connection keeps reading meanwhile.
            let readsBefore = h[0].reads.reads.load(ordering: .relaxed)
            try await h[0].read()
            #expect(h[0].reads.reads.load(ordering: .relaxed) == readsBefore + 1)
            gate.unblock()
            try await eventually { gate.handled.load(ordering: .relaxed) == 2 }
            gate.unblock()
            try await eventually { gate.parkedCount == 1 }
            gate.answerOldest()
            #expect(try await h[0].correlationIds(3) == [1, 2, 3])
        }
    }

    @Test func anUnwritableSocketStopsTheConnectionUntilItDrains() async throws {
        let gate = Gate()
        try await Self.withHandler(gate: gate) { h in
            h.channel.isWritable = false
            h.channel.pipeline.fireChannelWritabilityChanged()
            try await h.channel.writeInbound(Self.metadata(1))
            var backlog = try await h.backlog()
            #expect(backlog.frames == 1 && backlog.inFlight == 0)
            #expect(gate.handled.load(ordering: .relaxed) == 0)
            h.channel.isWritable = true
            h.channel.pipeline.fireChannelWritabilityChanged()
            #expect(try await h.correlationIds(1) == [1])
            backlog = try await h.backlog()
            #expect(backlog.frames == 0)
        }
    }

    @Test func aFullRequestQueueHoldsTheConnectionBackUntilThereIsRoom() async throws {
        let gate = Gate(blockMetadata: true)
        // One handler thread and room for one waiting request, shared by three connections.
        try await Self.withHandlers(3, gate: gate, threads: 1, queue: 1) { h in
            try await h[0].channel.writeInbound(Self.metadata(1))
            try await eventually { gate.handled.load(ordering: .relaxed) == 1 }  // the only thread is blocked
            try await h[1].channel.writeInbound(Self.metadata(2))  // waits in the queue
            try await h[2].channel.writeInbound(Self.metadata(3))  // finds the queue full
            let held = try await h[2].backlog()
            #expect(held.waitingForRoom && held.frames == 1 && held.inFlight == 0)
            let readsBefore = h[2].reads.reads.load(ordering: .relaxed)
            try await h[2].read()
            #expect(h[2].reads.reads.load(ordering: .relaxed) == readsBefore)
            for _ in 0..<3 { gate.unblock() }
            #expect(try await h[0].correlationIds(1) == [1])
            #expect(try await h[1].correlationIds(1) == [2])
            #expect(try await h[2].correlationIds(1) == [3])
            #expect(try await h[2].backlog().waitingForRoom == false)
        }
    }

    @Test func anOversizedFrameClosesTheConnection() async throws {
        try await Self.withHandler(gate: Gate(), maxFrame: 100) { h in
            var header = ByteBuffer()
            header.writeInteger(Int32(1000))
            _ = try? await h.channel.writeInbound(header)
            try await eventually { !h.channel.isActive }
        }
    }

    @Test func aMalformedBodyClosesTheConnection() async throws {
        let gate = Gate()
        try await Self.withHandler(gate: gate) { h in
            var frame = ByteBuffer()
            frame.writeInteger(Int32(12))
            frame.writeInteger(Int16(3))  // Metadata
            frame.writeInteger(Int16(9))  // flexible v9
            frame.writeInteger(Int32(5))
            frame.writeInteger(Int16(-1))  // null client id
            frame.writeInteger(UInt8(0x7F))  // tagged fields count, then nothing where the topics should be
            frame.writeInteger(UInt8(0xFF))
            try await h.channel.writeInbound(frame)
            try await eventually { !h.channel.isActive }
        }
    }
}
