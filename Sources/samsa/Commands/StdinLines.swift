import Foundation

/// Standard input as an async stream of lines, read on its own thread so no task blocks on the terminal.
enum StdinLines {
    static func stream(prompt: Bool) -> AsyncStream<String> {
        AsyncStream { continuation in
            let thread = Thread {
                while true {
                    if prompt {
                        FileHandle.standardError.write(Data(">".utf8))
                    }
                    guard let line = readLine(strippingNewline: true) else { break }
                    continuation.yield(line)
                }
                continuation.finish()
            }
            thread.start()
        }
    }
}
