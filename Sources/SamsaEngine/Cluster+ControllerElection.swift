/// Who holds the controller role. In KRaft the active controller is the quorum leader: it keeps the role
/// until it stops, crashes or is cut off, and only then do the others elect a new one; a broker that comes
/// back joins as a follower. Samsa settles each election on the lowest live id, deterministically.
///
/// Thread-safety: called under `changeLock`, after the live set changed.
extension Cluster {
    /// `id` left the live set; if it was the controller, the remaining brokers elect another one.
    func controllerLeft(_ id: Int32, remaining: Set<Int32>) {
        let successor = activeController.withLock { seat -> Int32? in
            guard seat == id else { return nil }
            seat = remaining.min() ?? -1
            return seat
        }
        guard let successor else { return }
        if successor >= 0 {
            events.record(.controllerElected, broker: successor, "Broker \(successor) was elected controller: broker \(id), the controller, left")
        } else {
            events.record(.controllerElected, broker: id, "No controller: broker \(id) was the last one alive")
        }
    }

    /// `id` rejoined the live set; it becomes controller only when there was none.
    func controllerReturned(_ id: Int32) {
        let elected = activeController.withLock { seat -> Bool in
            guard seat < 0 else { return false }
            seat = id
            return true
        }
        if elected { events.record(.controllerElected, broker: id, "Broker \(id) was elected controller: no controller was alive") }
    }
}
