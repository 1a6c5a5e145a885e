// AlterConfigs (key 33), versions 0-2.
// Replaces every dynamic config of each resource with the ones given (keys left out revert to their
// defaults). v1: same as v0 (throttled responses are sent before throttling). v2: flexible.

public struct AlterConfigsRequest: KafkaRequest {
    public typealias Response = AlterConfigsResponse
    public static let apiKey = APIKey.alterConfigs
    public static let versions: ClosedRange<Int16> = 0...2
    public static let firstFlexibleVersion: Int16? = 2

    public struct Config: Sendable, Equatable {
        public var name: String
        public var value: String?
        public init(name: String, value: String?) {
            self.name = name
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
                let config = Config(name: try c.readString("config name"), value: try c.readNullableString("config value"))
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
                c.writeNullableString(config.value)
                c.writeTaggedFields()
            }
            w.writeTaggedFields()
        }
        writer.writeBool(validateOnly)
        writer.writeTaggedFields()
    }
}

public struct AlterConfigsResponse: KafkaMessage {
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
