import Foundation
import Logging

/// Runs the workbench full-screen on this terminal until the person quits (or SIGINT/SIGTERM/SIGHUP),
/// then restores the terminal and returns. The UI runs on a thread of its own, so a slow `source` never
/// freezes it and the cooperative pool stays free for the actions, which run as tasks.
///
/// Throws (before touching the screen) a readable error when the theme cannot be found or the terminal
/// cannot be set up.
public func runWorkbench(source: any WorkbenchSource, options: WorkbenchOptions) async throws {
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
        let thread = Thread {
            do {
                try EventLoop(source: source, options: options).run()
                continuation.resume()
            } catch {
                continuation.resume(throwing: error)
            }
        }
        thread.name = "samsa-tui"
        thread.stackSize = 8 << 20
        thread.start()
    }
}

/// The one loop: drain action outcomes, poll the snapshot, redraw if anything changed, wait up to a tick
/// for keys, let the workbench handle every key read, start the actions it asks for.
final class EventLoop {
    private let source: any WorkbenchSource
    private let options: WorkbenchOptions
    private let outbox = ActionOutbox()
    private let actions: ActionRunner
    private let keys = KeyReader()
    private let browserReads: BrowserRunner
    private let logger: Logger

    init(source: any WorkbenchSource, options: WorkbenchOptions) {
        self.source = source
        self.options = options
        actions = ActionRunner(source: source, outbox: outbox)
        browserReads = BrowserRunner(reader: SourceBrowserReader(source: source))
        let destination = options.logDestination
        logger = options.logger ?? Logger(label: "samsa.tui") { WorkbenchLogHandler(label: $0, destination: destination) }
    }

    func run() throws {
        let catalog = ThemeCatalog.standard()
        let loaded = try catalog.load(options.themeName)
        let terminal = try Terminal(tickMilliseconds: options.tickMilliseconds)
        defer {
            terminal.stop()
            actions.finish()
        }
        let mode = colorMode(terminal)
        let canvas = NCursesCanvas(palette: Palette(theme: loaded.theme, mode: mode))
        var buffer: LogBuffer?
        if case .buffer(let logBuffer) = options.logDestination { buffer = logBuffer }
        let workbench = Workbench(snapshot: source.snapshot(), rows: canvas.rows, cols: canvas.cols,
                                  themeNames: catalog.availableNames(), themeName: loaded.theme.name,
                                  language: options.language, showTour: options.showTour,
                                  glyphs: terminal.isUTF8 ? .unicode : .ascii, logBuffer: buffer,
                                  dataDirectory: source.dataDirectory)
        logger.info("Workbench started: theme \(loaded.theme.name) from \(loaded.origin), \(mode.rawValue) colours, \(canvas.cols)x\(canvas.rows)")
        report(loaded.problems, on: workbench)
        var dirty = true
        var logSeen = buffer?.changeCount ?? 0
        while true {
            if let signal = Terminal.takePendingSignal() {
                logger.info("Signal \(signal) received; leaving the workbench.")
                return
            }
            for outcome in outbox.drain() {
                workbench.receive(outcome)
                if outcome.isError { logger.warning("\(outcome.action.progress) \(outcome.message)") }
                dirty = true
            }
            if workbench.update(source.snapshot()) { dirty = true }
            if workbench.tick() { dirty = true }
            // The record browser: replies in, then the reads it needs now (follow-mode polls count ticks).
            workbench.tickBrowser()
            for (request, reply) in browserReads.drain() where workbench.receiveBrowse(request, reply) { dirty = true }
            for request in workbench.browserRequests() { browserReads.run(request) }
            if let buffer, buffer.changeCount != logSeen, case .log? = workbench.state.overlay {
                logSeen = buffer.changeCount
                dirty = true
            }
            if dirty {
                FrameRenderer(workbench: workbench, canvas: canvas).render()
                canvas.present()
                dirty = false
            }
            // Everything already typed (a burst, a paste) is handled before drawing again.
            let batch = keys.nextBatch(from: terminal)
            for key in batch {
                if handle(key, workbench: workbench, canvas: canvas, catalog: catalog, mode: mode) { return }
            }
            if !batch.isEmpty { dirty = true }
        }
    }

    /// The colour mode: what was asked for, else what the terminal and NO_COLOR allow; never more than the
    /// terminal has.
    private func colorMode(_ terminal: Terminal) -> ColorMode {
        let wanted = options.colorMode ?? ColorMode.detect(terminalColors: 256, hasColors: terminal.hasColors)
        guard wanted != .none else { return .none }
        let available = ColorMode.detect(terminalColors: terminal.enableColors(), hasColors: terminal.hasColors,
                                         environment: [:])
        if wanted == .ansi256 && available == .eight { return .eight }
        return available == .none ? .none : wanted
    }

    /// Returns true when the workbench should close.
    private func handle(_ key: Key, workbench: Workbench, canvas: NCursesCanvas, catalog: ThemeCatalog,
                        mode: ColorMode) -> Bool {
        if key == .resize {
            canvas.refreshSize()
            workbench.resize(rows: canvas.rows, cols: canvas.cols)
        }
        for effect in workbench.handle(key) {
            switch effect {
            case .quit:
                return true
            case .applyTheme(let name):
                do {
                    let loaded = try catalog.load(name)
                    canvas.apply(Palette(theme: loaded.theme, mode: canvas.palette.mode))
                    report(loaded.problems, on: workbench)
                } catch {
                    workbench.setStatus(ActionOutcome.sentence(for: error), .error)
                }
            case .perform(let action):
                logger.info("\(action.progress)")
                actions.run(action)
            }
        }
        return false
    }

    private func report(_ problems: [String], on workbench: Workbench) {
        for problem in problems { logger.warning("\(problem)") }
        if let first = problems.first {
            workbench.setStatus(first + (problems.count > 1 ? " (\(problems.count - 1) more in the log: o)" : ""), .error)
        }
    }
}
