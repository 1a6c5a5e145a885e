import Foundation
import SamsaClient

/// How fast the record browser answers on a real partition: the first screen after opening it (at the
/// earliest records, in the middle, at the latest) and each page-down after, every sample timed from the key
/// to a drawn frame with every read it needed done. Reads go over the wire through ``RecordReader`` as in the
/// workbench; frames are drawn onto an in-memory canvas.
public struct BrowserTiming: Sendable, CustomStringConvertible {
    public let records: Int64
    public let openEarliest: TimingSummary
    public let openMiddle: TimingSummary
    public let openLatest: TimingSummary
    public let pageDown: TimingSummary
    /// Page-downs that needed a read (the others were served from rows already loaded).
    public let pageDownReads: Int

    public var description: String {
        """
        partition of \(records) records
        open at earliest: \(openEarliest)
        open in the middle: \(openMiddle)
        open at latest: \(openLatest)
        page down: \(pageDown); \(pageDownReads) of \(pageDown.count) needed a read
        """
    }
}

public func measureBrowser(client: KafkaClient, topic: String, partition: Int32, opens: Int = 20, pages: Int = 500,
                           rows: Int = 50, cols: Int = 180) async throws -> BrowserTiming {
    let reader = ClientBrowserReader(reader: RecordReader(client: client))
    let bounds = try await reader.browseBounds(topic: topic, partition: partition)
    let canvas = MemoryCanvas(rows: rows, cols: cols)
    let workbench = Workbench(snapshot: .empty, rows: rows, cols: cols, showTour: false)
    func settle() async {
        while true {
            let requests = workbench.browserRequests()
            if requests.isEmpty { return }
            await withTaskGroup(of: (BrowserRequest, BrowserReply).self) { group in
                for request in requests { group.addTask { (request, await request.perform(on: reader)) } }
                for await (request, reply) in group { workbench.receiveBrowse(request, reply) }
            }
        }
    }
    /// Until the first screen is drawn: the seek's reads are in and the cursor has landed (the reads ahead
    /// the browser then starts run while the person looks, as in the workbench; they are finished untimed).
    func open(_ seek: BrowserSeek) async -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        workbench.state.browser = RecordBrowser(topic: topic, partitions: [partition], isTopic: false, seek: seek)
        while workbench.state.browser?.model.landing != nil {
            let requests = workbench.browserRequests()
            if requests.isEmpty { break }
            await withTaskGroup(of: (BrowserRequest, BrowserReply).self) { group in
                for request in requests { group.addTask { (request, await request.perform(on: reader)) } }
                for await (request, reply) in group { workbench.receiveBrowse(request, reply) }
            }
        }
        FrameRenderer(workbench: workbench, canvas: canvas).render()
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
        await settle()
        return elapsed
    }
    let middle = bounds.start + (bounds.end - bounds.start) / 2
    var earliest: [Double] = [], centre: [Double] = [], latest: [Double] = []
    for i in 0..<max(1, opens) {
        earliest.append(await open(.earliest))
        // A different middle each time, so no open is served by a read cached from the one before.
        centre.append(await open(.offset(middle + Int64(i) * 10_007 % max(1, (bounds.end - bounds.start) / 4))))
        latest.append(await open(.latest))
    }
    _ = await open(.offset(middle))
    var paging: [Double] = []
    var reads = 0
    for _ in 0..<max(1, pages) {
        let start = DispatchTime.now().uptimeNanoseconds
        _ = workbench.handle(.pageDown)
        let requests = workbench.state.browser?.model.isLoading == false ? workbench.browserRequests() : []
        if !requests.isEmpty {
            reads += 1
            await withTaskGroup(of: (BrowserRequest, BrowserReply).self) { group in
                for request in requests { group.addTask { (request, await request.perform(on: reader)) } }
                for await (request, reply) in group { workbench.receiveBrowse(request, reply) }
            }
            await settle()
        }
        FrameRenderer(workbench: workbench, canvas: canvas).render()
        paging.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
    }
    return BrowserTiming(records: bounds.end - bounds.start, openEarliest: TimingSummary(milliseconds: earliest),
                         openMiddle: TimingSummary(milliseconds: centre), openLatest: TimingSummary(milliseconds: latest),
                         pageDown: TimingSummary(milliseconds: paging), pageDownReads: reads)
}

/// A ``RecordReader`` as the browser's reader (the workbench reads through its source instead).
struct ClientBrowserReader: BrowserReading {
    let reader: RecordReader

    func browseBounds(topic: String, partition: Int32) async throws -> BrowseBounds {
        let bounds = try await reader.bounds(topic: topic, partition: partition)
        return BrowseBounds(start: bounds.logStartOffset, end: bounds.endOffset)
    }
    func browseOffset(topic: String, partition: Int32, atOrAfter timestamp: Int64) async throws -> Int64? {
        try await reader.offset(topic: topic, partition: partition, atOrAfter: timestamp)
    }
    func browseRead(topic: String, partition: Int32, from offset: Int64, maxRecords: Int, until: Int64?) async throws -> BrowsePage {
        let page = try await reader.read(topic: topic, partition: partition, from: offset, maxRecords: maxRecords, until: until)
        return BrowsePage(records: page.records.map(WorkbenchClients.browsed), nextOffset: page.nextOffset,
                          bounds: BrowseBounds(start: page.bounds.logStartOffset, end: page.bounds.endOffset))
    }
}
