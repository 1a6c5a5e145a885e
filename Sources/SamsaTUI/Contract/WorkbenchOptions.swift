import Logging

/// How `runWorkbench` starts.
public struct WorkbenchOptions: Sendable {
    /// A theme name (resolved in ~/.config/samsa/themes, then the shipped themes) or a path to a .theme file.
    public var themeName: String
    /// nil detects what the terminal supports (and honours NO_COLOR).
    public var colorMode: ColorMode?
    /// Where the workbench's own log lines go when `logger` is nil, and where the log overlay (key o)
    /// reads from when it is a buffer. Never stdout: curses owns the screen.
    public var logDestination: LogDestination
    /// The logger for the workbench's own lines; nil makes one that writes to `logDestination`. Pass one
    /// only if its handler keeps off the terminal (e.g. ``WorkbenchLogHandler``).
    public var logger: Logger?
    /// The guided tour's language.
    public var language: TourLanguage
    /// Opens the guided tour beside the panes at start.
    public var showTour: Bool
    /// How often the snapshot is polled and keys are waited for, in milliseconds.
    public var tickMilliseconds: Int32

    public init(themeName: String = "default", colorMode: ColorMode? = nil, logDestination: LogDestination = .buffer(LogBuffer()),
                logger: Logger? = nil, language: TourLanguage = .english, showTour: Bool = false,
                tickMilliseconds: Int32 = 50) {
        self.themeName = themeName
        self.colorMode = colorMode
        self.logDestination = logDestination
        self.logger = logger
        self.language = language
        self.showTour = showTour
        self.tickMilliseconds = tickMilliseconds
    }
}

/// Where log lines go while the workbench owns the terminal.
public enum LogDestination: Sendable {
    /// Appended to a file.
    case file(path: String)
    /// Kept in memory and shown in the workbench's log overlay.
    case buffer(LogBuffer)
    /// Dropped.
    case none
}
