import NIOHTTP1

/// What the router answers: a status, a JSON body (nil for 202/204 without one) and extra headers.
public struct RestResponse: Sendable {
    public var status: HTTPResponseStatus
    public var body: String?
    public var headers: [(String, String)]

    public init(status: HTTPResponseStatus, body: String? = nil, headers: [(String, String)] = []) {
        self.status = status
        self.body = body
        self.headers = headers
    }

    /// Kafka's `ErrorMessage` body, `{"error_code":N,"message":"…"}`, as `ConnectExceptionMapper` writes it.
    public static func error(_ code: Int, _ message: String?) -> RestResponse {
        let json: JSONValue = ["error_code": .integer(Int64(code)), "message": message.map { .string($0) } ?? .null]
        return RestResponse(status: HTTPResponseStatus(statusCode: code), body: json.compactString)
    }

    /// Jersey's own answers for requests no resource takes ("HTTP 404 Not Found", "HTTP 405 Method Not Allowed").
    public static func jersey(_ status: HTTPResponseStatus) -> RestResponse {
        error(Int(status.code), "HTTP \(status.code) \(status.reasonPhrase)")
    }
}
