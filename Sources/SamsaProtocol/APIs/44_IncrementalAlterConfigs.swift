// IncrementalAlterConfigs (key 44, KIP-339), versions 0-1.
// Each config carries an operation: SET 0, DELETE 1 (revert to the default), APPEND 2 and SUBTRACT 3 (list
// configs such as cleanup.policy). v1: flexible.

public struct IncrementalAlterConfigsRequest: KafkaRequest {
    public typealias Response = IncrementalAlterConfigsResponse
    public static let apiKey = APIKey.incrementalAlterConfigs
    public static let versions: ClosedRange<Int16> = 0...1
    public static let firstFlexibleVersion: Int16? = 1

    /// Kafka's AlterConfigOp.OpType numbering.
    public static let set: Int8 = 0
    public static let delete: Int8 = 1
    public static let append: Int8 = 2
    public static let subtract: Int8 = 3

    public struct Config: Sendable, Equatable {
        public var name: String
        public var operation: Int8
        public var value: String?
        public init(name: String, operation: Int8, value: String?) {
            self.name = name
            self.operation = operation
            self.value = value
        }
    }

    public struct Resource: Sendable, Equatable {
        public var resourceType: Int8
        public var resourceName: String
        public var configs: [Config]
        public init(resourceType: Int8, resourceName: String, configs: [Config]) {
            self.resourceType = resourceType
            self.resourceName = resourceName
            self.configs = configs
        }
    }

    public var resources: [Resource]
    public var validateOnly: Bool

    public init(resources: [Resource], validateOnly: Bool = false) {
        self.resources = resources
        self.validateOnly = validateOnly
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        resources = try reader.readArray("resources") { r in
            let type = try r.readInt8("resource type")
            let name = try r.readString("resource name")
            let configs = try r.readArray("configs") { c in
                let config = Config(name: try c.readString("config name"), operation: try c.readInt8("config operation"),
                                    value: try c.readNullableString("config value"))
                try c.readTaggedFields()
                return config
            }
            try r.readTaggedFields()
            return Resource(resourceType: type, resourceName: name, configs: configs)
        }
        validateOnly = try reader.readBool("validate only")
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeArray(resources) { w, resource in
            w.writeInt8(resource.resourceType)
            w.writeString(resource.resourceName)
            w.writeArray(resource.configs) { c, config in
                c.writeString(config.name)
                c.writeInt8(config.operation)
                c.writeNullableString(config.value)
                c.writeTaggedFields()
            }
            w.writeTaggedFields()
        }
        writer.writeBool(validateOnly)
        writer.writeTaggedFields()
    }
}

public struct IncrementalAlterConfigsResponse: KafkaMessage {
    public var throttleTimeMs: Int32
    public var responses: [AlterConfigsResourceResponse]

    public init(throttleTimeMs: Int32 = 0, responses: [AlterConfigsResourceResponse]) {
        self.throttleTimeMs = throttleTimeMs
        self.responses = responses
    }

    public init(from reader: inout KafkaReader, version: Int16) throws {
        throttleTimeMs = try reader.readInt32("throttle time")
        responses = try AlterConfigsResourceResponse.readAll(from: &reader)
        try reader.readTaggedFields()
    }

    public func write(to writer: inout KafkaWriter, version: Int16) {
        writer.writeInt32(throttleTimeMs)
        AlterConfigsResourceResponse.writeAll(responses, to: &writer)
        writer.writeTaggedFields()
    }
}
