import Logging
import NIOCore
import SamsaEngine
import SamsaProtocol

/// One client connection: turns frames into requests, dispatches them, and writes responses in request
/// order even when some complete later (parked fetches). A malformed request, an unknown API or an
/// unsupported version closes this connection only; ApiVersions with an unknown version gets Kafka's
/// KIP-511 answer instead.
final class ConnectionHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let broker: Broker
    private let cluster: Cluster
    private let dispatcher: RequestDispatcher
    private let logger: Logger
    /// Responses not yet written, oldest first; nil body = still being produced.
    private var pending = CircularBuffer<PendingResponse>()
    private var nextSequence = 0
    private var context: ChannelHandlerContext?

    private struct PendingResponse {
        var sequence: Int
        var frame: ByteBuffer?
    }

    init(broker: Broker, cluster: Cluster, dispatcher: RequestDispatcher, logger: Logger) {
        self.broker = broker
        self.cluster = cluster
        self.dispatcher = dispatcher
        self.logger = logger
    }

    /// Kafka's form of the client address ("/127.0.0.1"), as group members report it.
    private var clientHost = ""

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        clientHost = "/" + (context.channel.remoteAddress?.ipAddress ?? "unknown")
    }
    func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var frame = unwrapInboundIn(data)
        do {
            try handle(&frame, context: context)
        } catch {
            logger.debug("Closing connection from \(String(describing: context.remoteAddress)): \(error)")
            context.close(promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        logger.debug("Connection error from \(String(describing: context.remoteAddress)): \(error)")
        context.close(promise: nil)
    }

    private func handle(_ frame: inout ByteBuffer, context: ChannelHandlerContext) throws {
        // A stopped, killed or isolated broker serves nobody, even on a connection that raced its shutdown.
        guard broker.isReachable else { throw ServerError("Broker \(broker.id) is not reachable.") }
        let (apiKey, version, correlationId) = try RequestHeader.readPrefix(&frame)
        guard let descriptor = dispatcher.registry.descriptor(for: apiKey), let entry = dispatcher.entry(for: apiKey) else {
            throw ProtocolError.unknownAPIKey(apiKey.rawValue)
        }
        guard descriptor.versions.contains(version) else {
            if apiKey == .apiVersions {
                // KIP-511: answer in v0 so the client can learn our range and retry.
                let response = ApiVersionsResponse(errorCode: .unsupportedVersion, apiKeys: dispatcher.registry.apiVersionRanges)
                enqueue(readyFrame(correlationId: correlationId, taggedHeader: false) { response.write(to: &$0, version: 0) },
                        context: context)
                return
            }
            throw ProtocolError.unsupportedVersion(api: apiKey.rawValue, version: version)
        }
        let flexible = descriptor.isFlexible(version)
        var header = RequestHeader(apiKey: apiKey, apiVersion: version, correlationId: correlationId, clientId: nil)
        var reader = KafkaReader(frame, flexible: false)
        try header.readRemainder(from: &reader, flexible: flexible)
        let requestContext = RequestContext(header: header, broker: broker, cluster: cluster, clientHost: clientHost,
                                            eventLoop: context.eventLoop, logger: logger)
        let taggedHeader = ResponseHeader.usesTaggedFields(apiKey: apiKey, flexibleRequest: flexible)
        switch try entry(reader.buffer, requestContext) {
        case .none:
            break
        case .now(let response):
            enqueue(readyFrame(correlationId: correlationId, taggedHeader: taggedHeader, flexible: flexible, response.write),
                    context: context)
        case .later(let future):
            let sequence = reserveSlot()
            future.hop(to: context.eventLoop).whenComplete { [self] result in
                switch result {
                case .success(let response):
                    fill(sequence, readyFrame(correlationId: correlationId, taggedHeader: taggedHeader, flexible: flexible,
                                              response.write))
                case .failure(let error):
                    logger.warning("Request \(apiKey) failed: \(error)")
                    self.context?.close(promise: nil)
                }
            }
        }
    }

    private func readyFrame(correlationId: Int32, taggedHeader: Bool, flexible: Bool = false,
                            _ body: (inout KafkaWriter) -> Void) -> ByteBuffer {
        var writer = KafkaWriter(buffer: ByteBuffer(), flexible: flexible)
        writer.buffer.writeInteger(0 as Int32)
        ResponseHeader.write(correlationId: correlationId, taggedFields: taggedHeader, to: &writer.buffer)
        body(&writer)
        writer.buffer.setInteger(Int32(writer.buffer.readableBytes - 4), at: writer.buffer.readerIndex)
        return writer.buffer
    }

    private func reserveSlot() -> Int {
        let sequence = nextSequence
        nextSequence += 1
        pending.append(PendingResponse(sequence: sequence, frame: nil))
        return sequence
    }

    private func enqueue(_ frame: ByteBuffer, context: ChannelHandlerContext) {
        if pending.isEmpty {
            context.writeAndFlush(wrapOutboundOut(frame), promise: nil)
        } else {
            let sequence = reserveSlot()
            fill(sequence, frame)
        }
    }

    private func fill(_ sequence: Int, _ frame: ByteBuffer) {
        guard let index = pending.firstIndex(where: { $0.sequence == sequence }) else { return }
        pending[index].frame = frame
        guard let context else { return }
        var wrote = false
        while let first = pending.first, let ready = first.frame {
            context.write(wrapOutboundOut(ready), promise: nil)
            pending.removeFirst()
            wrote = true
        }
        if wrote { context.flush() }
    }
}
