import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import SamsaProtocol

/// A minimal Kafka client over TLS for tests (SamsaClient's own TLS is another part): sends Metadata v1 and
/// reads the answer, on a NIOSSL client channel that verifies the server with the test CA.
final class TLSTestClient: @unchecked Sendable {
    let channel: Channel
    private let responses: ResponseCollector

    static func connect(port: Int, group: EventLoopGroup, ca: String, certificate: (cert: String, key: String)? = nil,
                        tls: Bool = true, configure: (inout TLSConfiguration) -> Void = { _ in }) async throws -> TLSTestClient {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.trustRoots = .file(ca)
        configure(&configuration)
        if let certificate {
            configuration.certificateChain = try NIOSSLCertificate.fromPEMFile(certificate.cert).map { .certificate($0) }
            configuration.privateKey = .privateKey(try NIOSSLPrivateKey(file: certificate.key, format: .pem))
        }
        let context = try NIOSSLContext(configuration: configuration)
        let collector = ResponseCollector()
        let channel = try await ClientBootstrap(group: group).channelInitializer { channel in
            channel.eventLoop.makeCompletedFuture {
                if tls { try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: context, serverHostname: "localhost")) }
                try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(FrameDecoder(maxFrameSize: 1 << 24)))
                try channel.pipeline.syncOperations.addHandler(collector)
            }
        }.connect(host: "127.0.0.1", port: port).get()
        return TLSTestClient(channel: channel, responses: collector)
    }

    private init(channel: Channel, responses: ResponseCollector) {
        self.channel = channel
        self.responses = responses
    }

    /// Metadata v1 for every topic: the broker ports it answers with, by node id.
    func metadataPorts() async throws -> [Int32: Int32] {
        var body = ByteBuffer()
        body.writeInteger(Int16(3))           // api key: Metadata
        body.writeInteger(Int16(1))           // version
        body.writeInteger(Int32(7))           // correlation id
        body.writeInteger(Int16(4))
        body.writeString("test")
        body.writeInteger(Int32(-1))          // all topics
        var frame = ByteBuffer()
        frame.writeInteger(Int32(body.readableBytes))
        frame.writeImmutableBuffer(body)
        let answer = channel.eventLoop.makePromise(of: ByteBuffer.self)
        channel.eventLoop.execute { self.responses.waiting.append(answer) }
        do {
            try await channel.writeAndFlush(frame)
        } catch {
            answer.fail(error)
            throw error
        }
        var response = try await answer.futureResult.get()
        guard response.readInteger(as: Int32.self) == 7, let count = response.readInteger(as: Int32.self) else {
            throw TLSTestError("Metadata answer is malformed.")
        }
        var ports: [Int32: Int32] = [:]
        for _ in 0..<count {
            guard let node = response.readInteger(as: Int32.self), let hostLength = response.readInteger(as: Int16.self),
                  response.readString(length: Int(hostLength)) != nil, let port = response.readInteger(as: Int32.self),
                  let rackLength = response.readInteger(as: Int16.self) else { throw TLSTestError("Metadata broker is malformed.") }
            if rackLength > 0 { response.moveReaderIndex(forwardBy: Int(rackLength)) }
            ports[node] = port
        }
        return ports
    }

    func close() { channel.close(promise: nil) }

    /// Hands each frame to the oldest waiting request; a closed or failed channel fails them all.
    private final class ResponseCollector: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        var waiting: [EventLoopPromise<ByteBuffer>] = []

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            guard !waiting.isEmpty else { return }
            waiting.removeFirst().succeed(unwrapInboundIn(data))
        }

        func errorCaught(context: ChannelHandlerContext, error: Error) {
            failAll(error)
            context.close(promise: nil)
        }

        func channelInactive(context: ChannelHandlerContext) {
            failAll(TLSTestError("The broker closed the connection."))
        }

        private func failAll(_ error: Error) {
            let all = waiting
            waiting.removeAll()
            for promise in all { promise.fail(error) }
        }
    }
}
