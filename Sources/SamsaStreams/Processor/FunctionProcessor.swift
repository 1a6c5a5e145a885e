/// A stateless node whose work is one closure over the record and the node's context (filter, map, peek, …).
package final class FunctionProcessor: ProcessorNode {
    private let body: (AnyRecord, ProcessorContext) throws -> Void
    private var context: ProcessorContext?

    package init(_ body: @escaping (AnyRecord, ProcessorContext) throws -> Void) {
        self.body = body
    }

    package func initialize(_ context: ProcessorContext) throws {
        self.context = context
    }

    package func process(_ record: AnyRecord) throws {
        guard let context else { throw StreamsError(.topology, "A processor got a record before it was initialized.") }
        try body(record, context)
    }
}
