/// The quickstarts of Confluent's Datagen connector that the generator knows: the same schema names, field
/// names, types, value ranges and key field (`users` keyed by `userid`, `pageviews` by `viewtime`, `orders`
/// by `orderid`, `stock_trades` by `symbol`).
enum GeneratorQuickstart: String, CaseIterable, Sendable {
    case users, pageviews, orders, stock_trades

    static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// The field whose value, as text, is the record key.
    var keyField: String {
        switch self {
        case .users: "userid"
        case .pageviews: "viewtime"
        case .orders: "orderid"
        case .stock_trades: "symbol"
        }
    }

    var schema: ConnectSchema {
        switch self {
        case .users: Self.usersSchema
        case .pageviews: Self.pageviewsSchema
        case .orders: Self.ordersSchema
        case .stock_trades: Self.stockTradesSchema
        }
    }

    static let usersSchema = SchemaBuilder.struct().name("ksql.users")
        .field("registertime", .int64).field("userid", .string).field("regionid", .string).field("gender", .string).build()
    static let pageviewsSchema = SchemaBuilder.struct().name("ksql.pageviews")
        .field("viewtime", .int64).field("userid", .string).field("pageid", .string).build()
    static let addressSchema = SchemaBuilder.struct().name("ksql.address")
        .field("city", .string).field("state", .string).field("zipcode", .int64).build()
    static let ordersSchema = SchemaBuilder.struct().name("ksql.orders")
        .field("ordertime", .int64).field("orderid", .int32).field("itemid", .string).field("orderunits", .float64)
        .field("address", addressSchema).build()
    static let stockTradesSchema = SchemaBuilder.struct().name("ksql.StockTrade")
        .doc("Defines a hypothetical stock trade using some known test stock symbols.")
        .field("side", .string).field("quantity", .int32).field("symbol", .string).field("price", .int32)
        .field("account", .string).field("userid", .string).build()

    /// Datagen's time range for `registertime`/`ordertime` (February 2017 – February 2018).
    static let timeRange: Range<Int64> = 1_487_715_775_521..<1_519_273_364_600

    /// One value; `iteration` drives Datagen's `iteration` fields (`viewtime` = 1 + 10·n, `orderid` = n).
    func generate(iteration: Int64, using rng: inout SplitMix64) -> ConnectStruct {
        let values: [ConnectValue]
        switch self {
        case .users:
            values = [.int64(.random(in: Self.timeRange, using: &rng)), .string("User_" + Self.digits(0...1, from: "123456789", &rng)),
                      .string("Region_" + Self.digits(0...1, from: "123456789", &rng)),
                      .string(Self.pick(["MALE", "FEMALE", "OTHER"], &rng))]
        case .pageviews:
            values = [.int64(1 + 10 * iteration), .string("User_" + Self.digits(1...1, from: "123456789", &rng)),
                      .string("Page_" + Self.digits(1...1, from: "123456789", &rng) + Self.digits(1...1, from: "0123456789", &rng))]
        case .orders:
            let address = ConnectStruct(schema: Self.addressSchema, values: [
                .string("City_" + Self.digits(0...2, from: "123456789", &rng)),
                .string("State_" + Self.digits(0...2, from: "123456789", &rng)),
                .int64(.random(in: 10_000..<99_999, using: &rng))])
            values = [.int64(.random(in: Self.timeRange, using: &rng)), .int32(Int32(truncatingIfNeeded: iteration)),
                      .string("Item_" + Self.digits(1...1, from: "123456789", &rng) + Self.digits(0...2, from: "0123456789", &rng)),
                      .float64(.random(in: 0.1..<10.0, using: &rng)), .structure(address)]
        case .stock_trades:
            values = [.string(Self.pick(["BUY", "SELL", "SHORT"], &rng)), .int32(.random(in: 1..<5000, using: &rng)),
                      .string(Self.pick(["ZBZX", "ZJZZT", "ZTEST", "ZVV", "ZVZZT", "ZWZZT", "ZXZZT"], &rng)),
                      .int32(.random(in: 5..<1000, using: &rng)), .string(Self.pick(["ABC123", "LMN456", "XYZ789"], &rng)),
                      .string("User_" + Self.digits(0...1, from: "123456789", &rng))]
        }
        return ConnectStruct(schema: schema, values: values)
    }

    private static func pick(_ options: [String], _ rng: inout SplitMix64) -> String {
        options[Int.random(in: 0..<options.count, using: &rng)]
    }

    /// A regex-like `[chars]{min,max}` run.
    private static func digits(_ count: ClosedRange<Int>, from chars: String, _ rng: inout SplitMix64) -> String {
        let pool = Array(chars)
        let n = Int.random(in: count, using: &rng)
        return String((0..<n).map { _ in pool[Int.random(in: 0..<pool.count, using: &rng)] })
    }
}
