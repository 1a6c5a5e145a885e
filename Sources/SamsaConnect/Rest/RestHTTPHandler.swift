import NIOCore
import NIOHTTP1

/// One REST connection, on its event loop: gathers a request (head, body up to `maxBodyBytes`), hands it to
/// the router in a Swift Task (herder calls are async and may wait on the cluster, so the loop never blocks)
/// and writes the answer back on the loop. `HTTPServerPipelineHandler` before it keeps pipelined requests in
/// order and holds the next until this one is answered; keep-alive is honoured as the request asks.
///
/// Thread-safety: used on its channel's event loop only; the Task's answer comes back through a future.
final class RestHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let router: @Sendable () -> RestRouter?
    private let maxBodyBytes: Int
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    /// A request is with the router; an idle timeout does not close the connection under it.
    private var answering = false
    /// The body outgrew the limit: the rest of the request is dropped and the connection closed after a 413.
    private var refused = false

    init(router: @escaping @Sendable () -> RestRouter?, maxBodyBytes: Int) {
        self.router = router
        self.maxBodyBytes = maxBodyBytes
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let h):
            head = h
            body = []
            refused = false
            if let length = h.headers.first(name: "Content-Length").flatMap(Int.init), length > maxBodyBytes {
                refuseTooLarge(context: context)
            }
        case .body(var chunk):
            guard !refused else { return }
            if body.count + chunk.readableBytes > maxBodyBytes {
                refuseTooLarge(context: context)
            } else {
                body.append(contentsOf: chunk.readBytes(length: chunk.readableBytes) ?? [])
            }
        case .end:
            guard !refused, let head else { return }
            self.head = nil
            let request = RestRequest(method: head.method, uri: head.uri, headers: head.headers, body: body)
            body = []
            let keepAlive = head.isKeepAlive
            let version = head.version
            let isHead = head.method == .HEAD
            let router = self.router
            answering = true
            let promise = context.eventLoop.makePromise(of: RestResponse.self)
            promise.completeWithTask {
                guard let router = router() else {
                    return .error(503, "The Connect worker is still starting; try again shortly.")
                }
                return await router.respond(to: request)
            }
            promise.futureResult.assumeIsolated().whenSuccess { response in
                self.answering = false
                self.write(response, version: version, keepAlive: keepAlive, omitBody: isHead, context: context)
            }
        }
    }

    private func refuseTooLarge(context: ChannelHandlerContext) {
        refused = true
        let version = head?.version ?? .http1_1
        head = nil
        body = []
        var response = RestResponse.error(413, "Request body is larger than \(maxBodyBytes) bytes.")
        response.headers.append(("Connection", "close"))
        write(response, version: version, keepAlive: false, context: context)
    }

    private func write(_ response: RestResponse, version: HTTPVersion, keepAlive: Bool, omitBody: Bool = false,
                       context: ChannelHandlerContext) {
        guard context.channel.isActive else { return }
        var headers = HTTPHeaders()
        var bytes: ByteBuffer?
        if let text = response.body {
            let buffer = context.channel.allocator.buffer(string: text)
            headers.add(name: "Content-Type", value: "application/json")
            headers.add(name: "Content-Length", value: String(buffer.readableBytes))
            bytes = buffer
        } else if response.status != .noContent {
            headers.add(name: "Content-Length", value: "0")
        }
        for (name, value) in response.headers { headers.add(name: name, value: value) }
        if version.major == 1 && version.minor == 0 && keepAlive { headers.replaceOrAdd(name: "Connection", value: "keep-alive") }
        if !keepAlive { headers.replaceOrAdd(name: "Connection", value: "close") }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: version, status: response.status, headers: headers))), promise: nil)
        if let bytes, !omitBody { context.write(wrapOutboundOut(.body(.byteBuffer(bytes))), promise: nil) }
        let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !keepAlive {
            done.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let idle = event as? IdleStateHandler.IdleStateEvent, idle == .read, !answering, head == nil {
            context.close(promise: nil)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }
}
