/// One resource's outcome in AlterConfigs (33) and IncrementalAlterConfigs (44) responses, which share
/// this shape in every version.
public struct AlterConfigsResourceResponse: Sendable, Equatable {
    public var errorCode: ErrorCode
    public var errorMessage: String?
    public var resourceType: Int8
    public var resourceName: String

    public init(errorCode: ErrorCode = .none, errorMessage: String? = nil, resourceType: Int8, resourceName: String) {
        self.errorCode = errorCode
        self.errorMessage = errorMessage
        self.resourceType = resourceType
        self.resourceName = resourceName
    }

    static func readAll(from reader: inout KafkaReader) throws -> [AlterConfigsResourceResponse] {
        try reader.readArray("responses") { r in
            let response = AlterConfigsResourceResponse(
                errorCode: ErrorCode(try r.readInt16("error code")), errorMessage: try r.readNullableString("error message"),
                resourceType: try r.readInt8("resource type"), resourceName: try r.readString("resource name"))
            try r.readTaggedFields()
            return response
        }
    }

    static func writeAll(_ responses: [AlterConfigsResourceResponse], to writer: inout KafkaWriter) {
        writer.writeArray(responses) { w, response in
            w.writeInt16(response.errorCode.rawValue)
            w.writeNullableString(response.errorMessage)
            w.writeInt8(response.resourceType)
            w.writeString(response.resourceName)
            w.writeTaggedFields()
        }
    }
}
