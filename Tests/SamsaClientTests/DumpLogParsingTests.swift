import ArgumentParser
import Testing
@testable import samsa

/// `samsa dump-log` takes kafka-dump-log's flags.
@Suite struct DumpLogParsingTests {
    func parse(_ arguments: [String]) throws -> DumpLogCommand {
        try #require(try Samsa.parseAsRoot(["dump-log"] + arguments) as? DumpLogCommand)
    }

    @Test func kafkaDumpLogFlags() throws {
        let command = try parse(["--files", "a/00000000000000000000.log, b/00000000000000000000.index", "--print-data-log",
                                 "--deep-iteration", "--verify-index-only", "--index-sanity-check", "--max-bytes", "4096"])
        #expect(command.fileList == ["a/00000000000000000000.log", "b/00000000000000000000.index"])
        #expect(command.printDataLog && command.deepIteration && command.verifyIndexOnly && command.indexSanityCheck)
        #expect(command.maxBytes == 4096)
        #expect(try parse(["--files=x.log"]).maxBytes == Int(Int32.max))
    }

    @Test func badFlagsAreRefused() {
        #expect(throws: (any Error).self) { try Samsa.parseAsRoot(["dump-log"]) }
        #expect(throws: (any Error).self) { try Samsa.parseAsRoot(["dump-log", "--files", ","]) }
        #expect(throws: (any Error).self) { try Samsa.parseAsRoot(["dump-log", "--files", "x.log", "--max-bytes", "0"]) }
        #expect(throws: (any Error).self) { try Samsa.parseAsRoot(["dump-log", "--files", "x.log", "--max-bytes", "3000000000"]) }
    }
}
