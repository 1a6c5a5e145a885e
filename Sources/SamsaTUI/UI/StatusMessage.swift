import Foundation

/// A line for the status bar, which clears itself after a while.
struct StatusMessage: Equatable {
    enum Kind: Equatable {
        case info, success, error, progress
    }

    let text: String
    let kind: Kind
    let time: Date

    /// How long it stays: errors longer, progress until replaced.
    var lifetime: TimeInterval {
        switch kind {
        case .info, .success: 6
        case .error: 15
        case .progress: 60
        }
    }
}
