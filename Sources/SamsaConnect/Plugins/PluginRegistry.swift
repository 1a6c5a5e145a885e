import Foundation

/// Every plugin a worker can run, found by Kafka's names: the fully qualified class name, the simple class
/// name, and for connectors the simple name without its `Connector` suffix (`FileStreamSource` →
/// `org.apache.kafka.connect.file.FileStreamSourceConnector`), as Kafka's plugin aliases.
public struct PluginRegistry: Sendable {
    public struct ConnectorPlugin: Sendable {
        public var className: String
        public var type: ConnectorType
        public var version: String
        public var make: @Sendable () -> any Connector
        public init(className: String, type: ConnectorType, version: String, make: @escaping @Sendable () -> any Connector) {
            self.className = className
            self.type = type
            self.version = version
            self.make = make
        }
    }

    public struct ConverterPlugin: Sendable {
        public var className: String
        public var make: @Sendable (_ configs: [String: String], _ isKey: Bool) throws -> any Converter
        public init(className: String, make: @escaping @Sendable ([String: String], Bool) throws -> any Converter) {
            self.className = className
            self.make = make
        }
    }

    public struct HeaderConverterPlugin: Sendable {
        public var className: String
        public var make: @Sendable (_ configs: [String: String]) throws -> any HeaderConverter
        public init(className: String, make: @escaping @Sendable ([String: String]) throws -> any HeaderConverter) {
            self.className = className
            self.make = make
        }
    }

    /// A transform; Kafka's `$Key`/`$Value` variants are separate plugins (`org.apache.kafka.connect.transforms.InsertField$Value`).
    public struct TransformPlugin: Sendable {
        public var className: String
        public var make: @Sendable () -> any Transformation
        public init(className: String, make: @escaping @Sendable () -> any Transformation) {
            self.className = className
            self.make = make
        }
    }

    public struct PredicatePlugin: Sendable {
        public var className: String
        public var make: @Sendable () -> any TransformPredicate
        public init(className: String, make: @escaping @Sendable () -> any TransformPredicate) {
            self.className = className
            self.make = make
        }
    }

    public var connectors: [ConnectorPlugin]
    public var converters: [ConverterPlugin]
    public var headerConverters: [HeaderConverterPlugin]
    public var transforms: [TransformPlugin]
    public var predicates: [PredicatePlugin]

    public init(connectors: [ConnectorPlugin] = [], converters: [ConverterPlugin] = [], headerConverters: [HeaderConverterPlugin] = [],
                transforms: [TransformPlugin] = [], predicates: [PredicatePlugin] = []) {
        self.connectors = connectors
        self.converters = converters
        self.headerConverters = headerConverters
        self.transforms = transforms
        self.predicates = predicates
    }

    /// Everything Samsa ships (each list lives in its own `Builtin*.swift`).
    public static let builtin = PluginRegistry(
        connectors: builtinConnectors, converters: builtinConverters, headerConverters: builtinHeaderConverters,
        transforms: builtinTransforms, predicates: builtinPredicates)

    public func connector(_ name: String) -> ConnectorPlugin? {
        connectors.first { Self.matches($0.className, name, suffix: "Connector") }
    }
    public func converter(_ name: String) -> ConverterPlugin? {
        converters.first { Self.matches($0.className, name, suffix: nil) }
    }
    public func headerConverter(_ name: String) -> HeaderConverterPlugin? {
        headerConverters.first { Self.matches($0.className, name, suffix: nil) }
    }
    public func transform(_ name: String) -> TransformPlugin? {
        transforms.first { Self.matches($0.className, name, suffix: nil) }
    }
    public func predicate(_ name: String) -> PredicatePlugin? {
        predicates.first { Self.matches($0.className, name, suffix: nil) }
    }

    /// `GET /connector-plugins` (connectors only unless `connectorsOnly` is false, as Kafka's query flag).
    public func descriptors(connectorsOnly: Bool = true) -> [PluginDescriptor] {
        var out = connectors.map { PluginDescriptor(className: $0.className, kind: $0.type == .sink ? .sink : .source, version: $0.version) }
        if !connectorsOnly {
            out += converters.map { PluginDescriptor(className: $0.className, kind: .converter, version: Self.kafkaVersion) }
            out += headerConverters.map { PluginDescriptor(className: $0.className, kind: .headerConverter, version: Self.kafkaVersion) }
            out += transforms.map { PluginDescriptor(className: $0.className, kind: .transformation, version: Self.kafkaVersion) }
            out += predicates.map { PluginDescriptor(className: $0.className, kind: .predicate, version: Self.kafkaVersion) }
        }
        return out.sorted { $0.className < $1.className }
    }

    /// The Kafka version whose Connect this runtime follows (what `GET /` and the plugins report).
    public static let kafkaVersion = "3.8.0"

    static func matches(_ className: String, _ name: String, suffix: String?) -> Bool {
        let name = name.trimmingCharacters(in: .whitespaces)
        if name == className { return true }
        let simple = className.split(separator: ".").last.map(String.init) ?? className
        if name == simple { return true }
        if let suffix, simple.hasSuffix(suffix), name == String(simple.dropLast(suffix.count)) { return true }
        return false
    }
}
