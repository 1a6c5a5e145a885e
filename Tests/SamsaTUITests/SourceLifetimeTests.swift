import Foundation
import SamsaEngine
import Synchronization
import Testing
@testable import SamsaTUI

/// Sources publish snapshots in the order their builds began, and their background loops end once the
/// source is dropped, even without `close()`.
@Suite struct SourceLifetimeTests {
    @Test func aSnapshotBuiltEarlierIsNotPublishedOverALaterOne() {
        let publisher = SnapshotPublisher(mode: .embedded)
        let early = publisher.beginBuild(), late = publisher.beginBuild()
        publisher.publish(Fixtures.cluster(topics: [Fixtures.orders()]), build: late)
        publisher.publish(Fixtures.cluster(topics: []), build: early)  // read before the topic existed
        #expect(publisher.latest.topics.map(\.name) == ["orders"])
        #expect(publisher.latest.version == 1)
        publisher.publish(Fixtures.cluster(topics: []), build: publisher.beginBuild())
        #expect(publisher.latest.topics.isEmpty)
        #expect(publisher.latest.version == 2)
    }

    @Test func aLoopEndsOnceItsOwnerIsGone() async {
        final class Owner: Sendable {}
        #expect(await Self.loopEndsWhenDropped(Owner()) { owner in
            repeatWhileAlive(owner, every: .milliseconds(1)) { _ in }
        })
    }

    @Test func aDroppedAttachSourceStopsPolling() async throws {
        // Nothing listens there: each poll fails at once and says so in the event log.
        #expect(await Self.loopEndsWhenDropped(try AttachSource(bootstrap: "127.0.0.1:1")) { $0.start(intervalMs: 1) })
    }

    @Test func aDroppedEmbeddedSourceStopsRefreshing() async throws {
        let directory = NSTemporaryDirectory() + "samsa-tui-lifetime-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cluster = try Cluster(config: ClusterConfig(dataDirectory: directory, ports: [1]))
        defer { cluster.shutdown() }
        #expect(await Self.loopEndsWhenDropped(try EmbeddedSource(cluster: cluster, bootstrap: "127.0.0.1:1")) {
            $0.start(intervalMs: 1)
        })
    }

    @Test func aConsumerDroppedWithItsClientsStopsPolling() async throws {
        var clients: WorkbenchClients? = try WorkbenchClients(bootstrap: "127.0.0.1:1")
        let id = try await clients!.startConsumer(group: "g", topic: "t", isolation: .readUncommitted)
        let loop = try #require(clients!.consumerPoller(id))
        clients = nil
        #expect(await Self.ends(loop))
    }

    /// Starts `owner`'s loop, lets go of the owner, and tells whether the loop then ends and the owner is
    /// freed (the loop held it no longer than one turn).
    static func loopEndsWhenDropped<Owner: AnyObject>(_ owner: consuming Owner,
                                                      start: (Owner) -> Task<Void, Never>) async -> Bool {
        var held: Owner? = consume owner
        weak let watched = held
        let loop = start(held!)
        held = nil
        return await ends(loop) && watched == nil
    }

    /// Whether `loop` ends by itself. The deadline is only there so a loop that never ends fails the test
    /// instead of hanging it; then the loop is cancelled.
    static func ends(_ loop: Task<Void, Never>) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await loop.value
                return true
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(120))
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            if !first { loop.cancel() }
            return first
        }
    }
}
