/// One level of the (nested) action menu.
struct MenuLevel: Equatable {
    let title: String
    let items: [MenuItem]
    var selected: Int = 0
}
