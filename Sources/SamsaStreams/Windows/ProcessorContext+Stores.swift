/// Typed store lookups for window and join processors: a missing or mistyped store is a topology bug, named.
extension ProcessorContext {
    func windowStore(_ name: String) throws -> WindowStore {
        guard let store = try stateStore(name) as? WindowStore else {
            throw StreamsError(.invalidStateStore, "State store \(name) is not a window store.")
        }
        return store
    }

    func sessionStore(_ name: String) throws -> SessionStore {
        guard let store = try stateStore(name) as? SessionStore else {
            throw StreamsError(.invalidStateStore, "State store \(name) is not a session store.")
        }
        return store
    }

    func keyValueStore(_ name: String) throws -> KeyValueStore {
        guard let store = try stateStore(name) as? KeyValueStore else {
            throw StreamsError(.invalidStateStore, "State store \(name) is not a key-value store.")
        }
        return store
    }
}

/// A record key or value of the wrong type inside a graph: a DSL wiring bug, named.
func cast<T>(_ value: Any?, _ what: String, as _: T.Type = T.self) throws -> T {
    guard let typed = value as? T else {
        throw StreamsError(.topology, "Expected a \(what) of type \(T.self), got \(value.map { "\(type(of: $0))" } ?? "nil").")
    }
    return typed
}
