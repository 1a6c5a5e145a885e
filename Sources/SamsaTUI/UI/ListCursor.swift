/// A position in a list that can follow its newest row (for the tail and the event log).
struct ListCursor: Equatable {
    var selected = 0
    var follow: Bool
}
