/// Kafka's single message transform: returns the changed record, or nil to drop it. Configured with its
/// `transforms.<alias>.*` settings (prefix stripped). Instances belong to one task.
public protocol Transformation: AnyObject {
    var configDef: ConfigDef { get }
    func configure(_ configs: [String: String]) throws
    func apply(_ record: ConnectRecord) throws -> ConnectRecord?
    func close()
}

extension Transformation {
    public func close() {}
}

/// Kafka's `Predicate` for conditional transforms (`transforms.<alias>.predicate`, `.negate`).
public protocol TransformPredicate: AnyObject {
    var configDef: ConfigDef { get }
    func configure(_ configs: [String: String]) throws
    func test(_ record: ConnectRecord) -> Bool
    func close()
}

extension TransformPredicate {
    public func close() {}
}
