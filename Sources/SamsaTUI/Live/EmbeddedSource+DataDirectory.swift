import Foundation

extension EmbeddedSource {
    /// The cluster's data directory as an absolute path, so the tour's `rm -rf` works from any directory.
    public var dataDirectory: String? {
        URL(fileURLWithPath: cluster.config.dataDirectory).standardizedFileURL.path
    }
}
