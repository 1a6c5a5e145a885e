/// A readable failure of a workbench action.
public struct WorkbenchError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }

    public static let faultsUnavailable =
        WorkbenchError("Fault injection is only available on the embedded cluster, not when attached.")
}
