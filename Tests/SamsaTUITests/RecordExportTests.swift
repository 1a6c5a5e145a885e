import Foundation
import Testing
@testable import SamsaTUI

@Suite struct RecordExportTests {
    private let record = BrowsedRecord(
        topic: "orders", partition: 3, offset: 1042, timestamp: 1_796_032_800_123, key: Array("k1".utf8),
        value: Array(#"{"id":1,"name":"é"}"#.utf8),
        headers: [.init(key: "trace", value: Array("abc".utf8)), .init(key: "bin", value: [0xff, 0x00]), .init(key: "none", value: nil)],
        sizeInBytes: 60)

    @Test func oneLineInTheDocumentedShapeAndOrder() {
        #expect(RecordExport.jsonLine(record) == #"{"topic":"orders","partition":3,"offset":1042,"timestamp":1796032800123,"#
            + #""timestampType":"CreateTime","key":"k1","value":"{\"id\":1,\"name\":\"é\"}","#
            + #""headers":[{"key":"trace","value":"abc"},{"key":"bin","value":{"base64":"/wA="}},{"key":"none","value":null}]}"#)
        var appended = record
        appended.isLogAppendTime = true
        appended.key = nil
        appended.value = []
        appended.headers = []
        #expect(RecordExport.jsonLine(appended) == #"{"topic":"orders","partition":3,"offset":1042,"timestamp":1796032800123,"#
            + #""timestampType":"LogAppendTime","key":null,"value":"","headers":[]}"#)
    }

    @Test func nonUTF8BytesComeBackExactlyThroughJSONSerialization() throws {
        var binary = record
        binary.key = [0x00, 0x01, 0xfe, 0xff, 0x80]
        binary.value = Array(0...255)
        let line = RecordExport.jsonLine(binary)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        func decoded(_ any: Any?) -> [UInt8]? {
            guard let text = (any as? [String: Any])?["base64"] as? String, let data = Data(base64Encoded: text) else { return nil }
            return Array(data)
        }
        #expect(decoded(object["key"]) == binary.key)
        #expect(decoded(object["value"]) == binary.value)
        #expect(object["topic"] as? String == "orders")
        #expect((object["offset"] as? NSNumber)?.int64Value == 1042)
        let headers = try #require(object["headers"] as? [[String: Any]])
        #expect(decoded(headers[1]["value"]) == [0xff, 0x00])
        #expect(headers[2]["value"] is NSNull)
        // Text with control characters is still UTF-8: a string, exact after the round trip.
        var control = record
        control.value = Array("a\u{0}b\n\"é".utf8)
        let back = try #require(try JSONSerialization.jsonObject(with: Data(RecordExport.jsonLine(control).utf8)) as? [String: Any])
        #expect(back["value"] as? String == "a\u{0}b\n\"é")
    }

    @Test func writeReplacesTheFileWholeAndLeavesNoTemporaryFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("recordexport-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("out.jsonl").path
        try "old contents that are longer than the new ones\n".write(toFile: path, atomically: false, encoding: .utf8)
        var second = record
        second.offset = 1043
        let written = try RecordExport.write([record, second], to: path)
        let expected = RecordExport.jsonLine(record) + "\n" + RecordExport.jsonLine(second) + "\n"
        #expect(try String(contentsOfFile: path, encoding: .utf8) == expected)
        #expect(written == expected.utf8.count)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out.jsonl"])
        try RecordExport.write([], to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "")
    }

    @Test func failuresAreOneSentence() throws {
        let missing = "/nonexistent-\(UUID().uuidString)/out.jsonl"
        #expect(throws: RecordExportError("Cannot write \(missing): the directory \((missing as NSString).deletingLastPathComponent) does not exist.")) {
            try RecordExport.write([record], to: missing)
        }
        let directory = FileManager.default.temporaryDirectory.path
        #expect(throws: RecordExportError("Cannot write \(directory): it is a directory.")) {
            try RecordExport.write([record], to: directory)
        }
        #expect(throws: RecordExportError("No file name was given.")) { try RecordExport.write([record], to: "") }
    }
}
