/// Which way a join goes (Kafka's inner / left / outer).
enum JoinKind: String, Sendable {
    case inner, left, outer
}
