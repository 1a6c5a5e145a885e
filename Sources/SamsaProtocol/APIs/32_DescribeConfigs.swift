// DescribeConfigs (key 32), versions 0-4.
// v0: each config says only whether it is a default. v1: synonyms and config source replace is-default. v2: same. v3: config type and documentation.
// v4: flexible.

public struct DescribeConfigsRequest: KafkaRequest {
    public typealias Response = DescribeConfigsResponse
    public static let apiKey = APIKey.describeConfigs
    public static let versions: ClosedRange<Int16> = 0...4
    public static let firstFlexibleVersion: Int16? = 4

    /// Resource types as Kafka numbers them.
    public static let topicResource: Int8 = 2
    public static let brokerResource: Int8 = 4

    public struct Resource: Sendable, Equatable {
        public var resourceType: Int8
        public var resourceName: String
        /// Nil asks for every key.
        public var configurationKeys: [String]?
        public init(resourceType: Int8, resourceName: String, configurationKeys: [String]? = nil) {
            self.resourceType = resourceType
            self.resourceName = resourceName
            self.configurationKeys = configurationKeys
        }
    }

    public var resources: [Resource]
    public var includeSynonyms: Bool
    public var includeDocumentation: Bool

    public init(resources: [Resource], includeSynonyms: Bool = false, includeDocumentation: Bool = false) {
        self.resources = resources
        self.includeSynonyms = includeSynonyms
        self.includeDocumentation = includeDocumentation
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        resources = try reader.readArray("resources") { r in
            let resource = Resource(resourceType: try r.readInt8(), resourceName: try r.readString("resource name"),
                                    configurationKeys: try r.readNullableArray("keys") { try $0.readString() })
            try r.readTaggedFields()
            return resource
        }
        includeSynonyms = version >= 1 ? try reader.readBool() : false
        includeDocumentation = version >= 3 ? try reader.readBool() : false
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeArray(resources) { w, resource in
            w.writeInt8(resource.resourceType)
            w.writeString(resource.resourceName)
            w.writeNullableArray(resource.configurationKeys) { $0.writeString($1) }
            w.writeTaggedFields()
        }
        if version >= 1 { writer.writeBool(includeSynonyms) }
        if version >= 3 { writer.writeBool(includeDocumentation) }
        writer.writeTaggedFields()
    }
}

public struct DescribeConfigsResponse: KafkaMessage {
    /// DEFAULT_CONFIG, the source v0's is-default flag stands for.
    public static let defaultSource: Int8 = 5

    public struct Synonym: Sendable, Equatable {
        public var name: String
        public var value: String?
        public var source: Int8
        public init(name: String, value: String?, source: Int8) {
            self.name = name
            self.value = value
            self.source = source
        }
    }

    public struct Config: Sendable, Equatable {
        public var name: String
        public var value: String?
        public var readOnly: Bool
        public var configSource: Int8
        public var isSensitive: Bool
        public var synonyms: [Synonym]
        public var configType: Int8
        public var documentation: String?
        public init(name: String, value: String?, readOnly: Bool = false, configSource: Int8 = -1, isSensitive: Bool = false,
                    synonyms: [Synonym] = [], configType: Int8 = 0, documentation: String? = nil) {
            self.name = name
            self.value = value
            self.readOnly = readOnly
            self.configSource = configSource
            self.isSensitive = isSensitive
            self.synonyms = synonyms
            self.configType = configType
            self.documentation = documentation
        }
    }

    public struct Result: Sendable, Equatable {
        public var errorCode: ErrorCode
        public var errorMessage: String?
        public var resourceType: Int8
        public var resourceName: String
        public var configs: [Config]
        public init(errorCode: ErrorCode = .none, errorMessage: String? = nil, resourceType: Int8, resourceName: String,
                    configs: [Config] = []) {
            self.errorCode = errorCode
            self.errorMessage = errorMessage
            self.resourceType = resourceType
            self.resourceName = resourceName
            self.configs = configs
        }
    }

    public var throttleTimeMs: Int32
    public var results: [Result]

    public init(throttleTimeMs: Int32 = 0, results: [Result]) {
        self.throttleTimeMs = throttleTimeMs
        self.results = results
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        throttleTimeMs = try reader.readInt32("throttle time")
        results = try reader.readArray("results") { r in
            var result = Result(errorCode: ErrorCode(try r.readInt16()), errorMessage: try r.readNullableString(),
                                resourceType: try r.readInt8(), resourceName: try r.readString())
            result.configs = try r.readArray("configs") { c in
                var config = Config(name: try c.readString(), value: try c.readNullableString(), readOnly: try c.readBool())
                // v0 says only whether the value is a default; the rest of the sources came with v1.
                config.configSource = version >= 1 ? try c.readInt8() : (try c.readBool() ? Self.defaultSource : -1)
                config.isSensitive = try c.readBool()
                if version >= 1 {
                    config.synonyms = try c.readArray("synonyms") { s in
                        let synonym = Synonym(name: try s.readString(), value: try s.readNullableString(), source: try s.readInt8())
                        try s.readTaggedFields()
                        return synonym
                    }
                }
                if version >= 3 {
                    config.configType = try c.readInt8()
                    config.documentation = try c.readNullableString()
                }
                try c.readTaggedFields()
                return config
            }
            try r.readTaggedFields()
            return result
        }
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeInt32(throttleTimeMs)
        writer.writeArray(results) { w, result in
            w.writeInt16(result.errorCode.rawValue)
            w.writeNullableString(result.errorMessage)
            w.writeInt8(result.resourceType)
            w.writeString(result.resourceName)
            w.writeArray(result.configs) { c, config in
                c.writeString(config.name)
                c.writeNullableString(config.value)
                c.writeBool(config.readOnly)
                if version >= 1 { c.writeInt8(config.configSource) } else { c.writeBool(config.configSource == Self.defaultSource) }
                c.writeBool(config.isSensitive)
                if version >= 1 {
                    c.writeArray(config.synonyms) { s, synonym in
                        s.writeString(synonym.name)
                        s.writeNullableString(synonym.value)
                        s.writeInt8(synonym.source)
                        s.writeTaggedFields()
                    }
                }
                if version >= 3 {
                    c.writeInt8(config.configType)
                    c.writeNullableString(config.documentation)
                }
                c.writeTaggedFields()
            }
            w.writeTaggedFields()
        }
        writer.writeTaggedFields()
    }
}
