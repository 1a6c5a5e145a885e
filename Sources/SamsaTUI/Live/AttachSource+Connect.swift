import SamsaConnect

extension AttachSource {
    /// Starts the Connect view's herder now instead of on the first connector created: with `--connect-url`
    /// the view shows the remote cluster's connectors from the start.
    public func startConnect() {
        Task { [clients] in _ = try? await clients.connect.herder() }
    }
}
