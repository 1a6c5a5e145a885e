import Foundation

/// Times the workbench against a live embedded cluster while something loads it, doing the event loop's
/// work at the event loop's pace: a snapshot rebuilt from the engine every 100 ms (as `EmbeddedSource`
/// does), a frame every 50 ms tick, and a key every tick. What it cannot time is curses writing the frame
/// to the terminal, which depends on the terminal.
///
/// Thread-safety: one thread at a time (it is handed to the measuring thread once, like the workbench).
public final class LiveFrameProbe: @unchecked Sendable {
    private let source: EmbeddedSource
    private let workbench: Workbench
    private let canvas: MemoryCanvas

    /// `topic` is selected, with focus on its partitions, so every frame draws the busy partitions.
    public init(source: EmbeddedSource, topic: String?, rows: Int = 50, cols: Int = 180) {
        self.source = source
        source.refresh()
        canvas = MemoryCanvas(rows: rows, cols: cols)
        workbench = Workbench(snapshot: source.snapshot(), rows: rows, cols: cols, showTour: false)
        workbench.state.selectedTopic = topic
        workbench.state.focus = .partitions
    }

    /// Runs for `seconds` on the calling thread (give it a thread of its own, as the workbench has).
    public func run(seconds: Double) -> LiveFrameTiming {
        var builds: [Double] = [], frames: [Double] = [], keys: [Double] = []
        let end = DispatchTime.now().uptimeNanoseconds + UInt64(seconds * 1e9)
        var tick = 0
        while DispatchTime.now().uptimeNanoseconds < end {
            let tickStart = DispatchTime.now().uptimeNanoseconds
            if tick % 2 == 0 {
                builds.append(Self.time { source.refresh() })
                // A new snapshot: what the loop draws when the cluster changed.
                frames.append(Self.time {
                    workbench.update(source.snapshot())
                    FrameRenderer(workbench: workbench, canvas: canvas).render()
                })
            }
            // A key: handled, then the loop's next pass takes the latest snapshot and redraws.
            keys.append(Self.time {
                _ = workbench.handle(tick % 4 < 2 ? .down : .up)
                workbench.update(source.snapshot())
                FrameRenderer(workbench: workbench, canvas: canvas).render()
            })
            tick += 1
            let next = tickStart + 50_000_000
            let now = DispatchTime.now().uptimeNanoseconds
            if next > now { usleep(useconds_t((next - now) / 1000)) }
        }
        return LiveFrameTiming(rows: canvas.rows, cols: canvas.cols, snapshotBuild: TimingSummary(milliseconds: builds),
                               frame: TimingSummary(milliseconds: frames), keyToFrame: TimingSummary(milliseconds: keys))
    }

    private static func time(_ work: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        work()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
    }
}

/// What ``LiveFrameProbe`` measured.
public struct LiveFrameTiming: Sendable {
    public let rows: Int
    public let cols: Int
    /// Engine snapshot to workbench snapshot (`EmbeddedSource.refresh`).
    public let snapshotBuild: TimingSummary
    /// A new snapshot taken and drawn as a full frame.
    public let frame: TimingSummary
    /// A key handled and the frame redrawn with the latest snapshot.
    public let keyToFrame: TimingSummary
}
