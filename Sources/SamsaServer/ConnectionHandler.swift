import DequeModule
import Logging
import NIOCore
import SamsaEngine
import SamsaProtocol

/// One client connection, on its event loop: takes frames from the decoder, hands each request to the
/// request-handler pool, and writes the answers in request order (a parked fetch may finish after a
/// later request). Kafka's rule keeps a client from growing the broker's memory: at most `window`
/// requests of a connection are in the broker at a time, read or being answered (Kafka: 1, the channel is
/// muted until its response is sent), and while that many are, or the socket is not writable, or the
/// pool's queue is full, the connection reads no more. A connection's requests run one at a time, in the
/// order they came, whatever the window: a larger window only lets the next requests be read while one
/// runs or waits (for replication, or a long poll). A malformed request, an unknown API or an unsupported
/// version closes this connection only; ApiVersions with an unknown version gets Kafka's KIP-511 answer.
///
/// Thread-safety: a channel handler, used on its channel's event loop only; work on other threads
/// reaches it through a `NIOLoopBound`.
final class ConnectionHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = IOData

    private let broker: Broker
    private let cluster: Cluster
    private let dispatcher: RequestDispatcher
    private let pool: RequestHandlerPool
    private let window: Int
    private let logger: Logger
    /// Who is on this connection (listener, principal, SASL progress).
    let session: ConnectionSession
    /// Frames read but not yet handed to the pool.
    private var inbox = Deque<ByteBuffer>()
    /// Requests handed over whose answers are not written yet, oldest first.
    private var inFlight = Deque<Slot>()
    private var nextSequence = 0
    /// A read the channel asked for that is held back until the connection may take more.
    private var readHeld = false
    /// The pool's queue was full; it calls back when it has room.
    private var waitingForRoom = false
    /// A request of this connection is running on a handler thread (the next waits, keeping their order).
    private var executing = false
    private(set) var context: ChannelHandlerContext?
    private var bound: NIOLoopBound<ConnectionHandler>?
    /// Kafka's form of the client address ("/127.0.0.1"), as group members report it.
    private var clientHost = ""

    private struct Slot {
        var sequence: Int
        var done = false
        /// The answer to write; nil for a request that gets none (acks=0).
        var frame: [FramePart]?
    }

    init(broker: Broker, cluster: Cluster, dispatcher: RequestDispatcher, pool: RequestHandlerPool, window: Int,
         logger: Logger, session: ConnectionSession) {
        self.session = session
        self.broker = broker
        self.cluster = cluster
        self.dispatcher = dispatcher
        self.pool = pool
        self.window = max(1, window)
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        clientHost = "/" + (context.channel.remoteAddress?.ipAddress ?? "unknown")
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        bound = nil
        inbox.removeAll()
    }

    // MARK: Reading, only while the connection may take more

    private var mayTakeMore: Bool {
        guard let context else { return false }
        return inbox.count + inFlight.count < window && !waitingForRoom && context.channel.isWritable
    }

    func read(context: ChannelHandlerContext) {
        if mayTakeMore {
            context.read()
        } else {
            readHeld = true
        }
    }

    private func releaseHeldRead() {
        guard readHeld, mayTakeMore, let context else { return }
        readHeld = false
        context.read()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        inbox.append(unwrapInboundIn(data))
        dispatchInbox()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        resume()
        context.fireChannelWritabilityChanged()
    }

    /// Something that held the connection back let go: hand over the next request, read again if allowed.
    private func resume() {
        dispatchInbox()
        releaseHeldRead()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        logger.debug("Connection error from \(String(describing: context.remoteAddress)): \(error)")
        context.close(promise: nil)
    }

    // MARK: Handing requests to the pool

    /// Hands the next frame to the pool when none of this connection's runs and the socket and the pool's
    /// queue allow (answered at once, an unsupported ApiVersions lets the one after it go too).
    private func dispatchInbox() {
        while let context, let frame = inbox.first, !executing, !waitingForRoom, inFlight.count < window,
              context.channel.isWritable {
            do {
                guard try dispatch(frame, context: context) else { break }
                inbox.removeFirst()
            } catch {
                logger.debug("Closing connection from \(String(describing: context.remoteAddress)): \(error)")
                inbox.removeAll()
                context.close(promise: nil)
                return
            }
        }
    }

    /// Decodes `frame`'s header and queues its work; false if the pool's queue is full (it calls back).
    private func dispatch(_ frame: ByteBuffer, context: ChannelHandlerContext) throws -> Bool {
        // A stopped, killed or isolated broker serves nobody, even on a connection that raced its shutdown.
        guard broker.isReachable else { throw ServerError("Broker \(broker.id) is not reachable.") }
        if SaslGate.awaitsRawToken(session) { return submitRawToken(frame, context: context) }
        var frame = frame
        let (apiKey, version, correlationId) = try RequestHeader.readPrefix(&frame)
        guard let descriptor = dispatcher.registry.descriptor(for: apiKey), let entry = dispatcher.entry(for: apiKey) else {
            throw ProtocolError.unknownAPIKey(apiKey.rawValue)
        }
        // SASL: nothing but the handshake before authentication or after the session expired (closes, as Kafka).
        if let refusal = SaslGate.refusal(apiKey, session: session) { throw ServerError(refusal) }
        guard descriptor.versions.contains(version) else {
            guard apiKey == .apiVersions else { throw ProtocolError.unsupportedVersion(api: apiKey.rawValue, version: version) }
            // KIP-511: answer in v0 so the client can learn our range and retry.
            let response = ApiVersionsResponse(errorCode: .unsupportedVersion, apiKeys: dispatcher.registry.apiVersionRanges)
            let sequence = reserveSlot()
            settle(sequence, ResponseFrame.build(correlationId: correlationId, taggedHeader: false) { response.write(to: &$0, version: 0) })
            return true
        }
        let flexible = descriptor.isFlexible(version)
        var header = RequestHeader(apiKey: apiKey, apiVersion: version, correlationId: correlationId, clientId: nil)
        var reader = KafkaReader(frame, flexible: false)
        try header.readRemainder(from: &reader, flexible: flexible)
        let requestContext = makeRequestContext(header, context: context)
        let taggedHeader = ResponseHeader.usesTaggedFields(apiKey: apiKey, flexibleRequest: flexible)
        let body = reader.buffer
        return submit(apiKey, context: context, run: { try entry(body, requestContext) }, frame: { response in
            ResponseFrame.build(correlationId: correlationId, taggedHeader: taggedHeader, flexible: flexible, response.write)
        })
    }

    func makeRequestContext(_ header: RequestHeader, context: ChannelHandlerContext) -> RequestContext {
        RequestContext(header: header, broker: broker, cluster: cluster, clientHost: clientHost, eventLoop: context.eventLoop,
                       executor: pool, logger: logger, session: session)
    }

    /// Queues a request's work on the pool: `run` handles it, `frame` puts its answer in a frame (on a TLS
    /// listener its file parts are read off the event loop). False if the pool's queue is full (it calls back).
    func submit(_ apiKey: APIKey, context: ChannelHandlerContext, run: @escaping @Sendable () throws -> Reply<EncodedResponse>,
                frame build: @escaping @Sendable (EncodedResponse) -> [FramePart]) -> Bool {
        guard let bound else { return false }
        let sequence = reserveSlot()
        let loop = context.eventLoop
        let logger = logger
        @Sendable func answer(_ frame: [FramePart]?) {
            loop.execute {
                bound.value.complete(sequence, frame)
                bound.value.closeIfRefused()
            }
        }
        /// The handler returned: the connection's next request may run (with the answer, if it is ready).
        @Sendable func returned(answer frame: [FramePart]?? = .none) {
            loop.execute {
                let handler = bound.value
                handler.executing = false
                if case .some(let ready) = frame {
                    handler.settle(sequence, ready)
                    handler.closeIfRefused()
                }
                handler.resume()
            }
        }
        @Sendable func fail(_ error: Error) {
            logger.warning("Request \(apiKey) failed: \(error)")
            loop.execute { bound.value.close() }
        }
        let (session, executor) = (session, pool)
        let work: @Sendable () -> Void = {
            do {
                switch try run() {
                case .none:
                    returned(answer: .some(nil))
                case .now(let response):
                    returned(answer: try session.sendable(build(response)))
                case .later(let future):
                    returned()
                    future.whenComplete { result in
                        switch result {
                        case .success(let response):
                            session.deliver(build(response), executor: executor, answer: answer, fail: fail)
                        case .failure(let error):
                            fail(error)
                        }
                    }
                }
            } catch {
                // A body that does not decode: the client is not speaking the protocol.
                logger.debug("Closing a connection after a malformed \(apiKey) request: \(error)")
                loop.execute { bound.value.close() }
            }
        }
        let queued = pool.submit(work, onRoom: {
            loop.execute {
                bound.value.waitingForRoom = false
                bound.value.resume()
            }
        })
        if queued {
            executing = true
        } else {
            inFlight.removeLast()
            nextSequence -= 1
            waitingForRoom = true
        }
        return queued
    }

    // MARK: Writing answers in request order

    private func reserveSlot() -> Int {
        defer { nextSequence += 1 }
        inFlight.append(Slot(sequence: nextSequence))
        return nextSequence
    }

    /// Request `sequence` is answered: writes what is now next in line, then takes more requests.
    private func complete(_ sequence: Int, _ frame: [FramePart]?) {
        settle(sequence, frame)
        resume()
    }

    /// Records request `sequence`'s answer and writes every answer that is now next in line.
    private func settle(_ sequence: Int, _ frame: [FramePart]?) {
        guard let index = inFlight.firstIndex(where: { $0.sequence == sequence }) else { return }
        inFlight[index].done = true
        inFlight[index].frame = frame
        guard let context else { return }
        var wrote = false
        while let first = inFlight.first, first.done {
            inFlight.removeFirst()
            if let ready = first.frame {
                for part in ready { write(part, context: context) }
                wrote = true
            }
        }
        if wrote { context.flush() }
    }

    /// Writes one part of a frame; records still in a segment file go out with sendfile.
    private func write(_ part: FramePart, context: ChannelHandlerContext) {
        switch part {
        case .bytes(let bytes):
            context.write(wrapOutboundOut(.byteBuffer(bytes)), promise: nil)
        case .file(let records):
            // The handle borrows the segment's descriptor, which `records.owner` keeps open until the write is
            // done; it is then released without closing the descriptor.
            let handle = NIOFileHandle(_deprecatedTakingOwnershipOfDescriptor: records.descriptor)
            let region = FileRegion(fileHandle: handle, readerIndex: records.position, endIndex: records.position + records.count)
            let written = context.eventLoop.makePromise(of: Void.self)
            written.futureResult.whenComplete { _ in
                _ = try? handle.takeDescriptorOwnership()
                withExtendedLifetime(records.owner) {}
            }
            context.write(wrapOutboundOut(.fileRegion(region)), promise: written)
        }
    }

    private func close() {
        inbox.removeAll()
        context?.close(promise: nil)
    }

    /// For tests, on the event loop: frames read and not handed over, requests not yet answered, and
    /// whether the pool's queue turned this connection away.
    var backlog: (frames: Int, inFlight: Int, waitingForRoom: Bool) { (inbox.count, inFlight.count, waitingForRoom) }
    var isExecuting: Bool { executing }
}
