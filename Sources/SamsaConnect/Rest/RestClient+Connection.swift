import NIOCore
import NIOHTTP1
import NIOPosix

extension RestClient {
    /// One HTTP/1.1 connection; requests on it are answered in the order sent.
    public final class Connection: Sendable {
        let channel: Channel
        let host: String
        let timeout: TimeAmount

        init(channel: Channel, host: String, timeout: TimeAmount) {
            self.channel = channel
            self.host = host
            self.timeout = timeout
        }

        static func open(group: any EventLoopGroup, host: String, port: Int, timeout: TimeAmount) async throws -> Connection {
            do {
                let channel = try await ClientBootstrap(group: group)
                    .channelOption(.socketOption(.tcp_nodelay), value: 1)
                    .connectTimeout(timeout)
                    .channelInitializer { channel in
                        channel.eventLoop.makeCompletedFuture {
                            try channel.pipeline.syncOperations.addHTTPClientHandlers()
                            try channel.pipeline.syncOperations.addHandler(RestClientHandler())
                        }
                    }
                    .connect(host: host, port: port).get()
                let hostHeader = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
                return Connection(channel: channel, host: hostHeader, timeout: timeout)
            } catch {
                throw ConnectError.connect("Could not reach the Connect REST API at \(host):\(port): \(error).")
            }
        }

        /// Sends one request (`target` is the path and query) and waits for its answer.
        public func send(_ method: HTTPMethod, _ target: String, body: String? = nil,
                         headers: [(String, String)] = []) async throws -> Response {
            var head = HTTPRequestHead(version: .http1_1, method: method, uri: target)
            head.headers.add(name: "Host", value: host)
            head.headers.add(name: "Accept", value: "application/json")
            var buffer: ByteBuffer?
            if let body {
                let bytes = channel.allocator.buffer(string: body)
                head.headers.add(name: "Content-Length", value: String(bytes.readableBytes))
                if !headers.contains(where: { $0.0.lowercased() == "content-type" }) {
                    head.headers.add(name: "Content-Type", value: "application/json")
                }
                buffer = bytes
            } else if method == .POST || method == .PUT {
                head.headers.add(name: "Content-Length", value: "0")
            }
            for (name, value) in headers { head.headers.replaceOrAdd(name: name, value: value) }
            let promise = channel.eventLoop.makePromise(of: Response.self)
            let timeout = self.timeout
            let channel = self.channel
            let timer = channel.eventLoop.scheduleTask(in: timeout) {
                promise.fail(ConnectError.connect("The Connect REST request \(method) \(target) got no answer within \(timeout.nanoseconds / 1_000_000_000) s."))
                channel.close(promise: nil)
            }
            channel.writeAndFlush(RestClientHandler.Exchange(head: head, body: buffer, promise: promise)).whenFailure { error in
                promise.fail(error)
            }
            defer { timer.cancel() }
            return try await promise.futureResult.get()
        }

        public func close() {
            channel.close(promise: nil)
        }
    }
}

/// Writes each request and completes its promise with the answer; answers come in request order.
final class RestClientHandler: ChannelDuplexHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundIn = Exchange
    typealias OutboundOut = HTTPClientRequestPart

    struct Exchange: Sendable {
        var head: HTTPRequestHead
        var body: ByteBuffer?
        var promise: EventLoopPromise<RestClient.Response>
    }

    private var waiting: [EventLoopPromise<RestClient.Response>] = []
    private var head: HTTPResponseHead?
    private var body: [UInt8] = []

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let exchange = unwrapOutboundIn(data)
        waiting.append(exchange.promise)
        context.write(wrapOutboundOut(.head(exchange.head)), promise: nil)
        if let body = exchange.body { context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil) }
        context.write(wrapOutboundOut(.end(nil)), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let h):
            head = h
            body = []
        case .body(var chunk):
            body.append(contentsOf: chunk.readBytes(length: chunk.readableBytes) ?? [])
        case .end:
            guard let head, !waiting.isEmpty else { return }
            self.head = nil
            let response = RestClient.Response(status: Int(head.status.code), headers: head.headers.map { ($0.name, $0.value) },
                                               body: String(decoding: body, as: UTF8.self))
            body = []
            waiting.removeFirst().succeed(response)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        failAll(ConnectError.connect("The Connect REST server closed the connection before answering."))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        failAll(error)
        context.close(promise: nil)
    }

    private func failAll(_ error: Error) {
        let promises = waiting
        waiting = []
        for promise in promises { promise.fail(error) }
    }
}
