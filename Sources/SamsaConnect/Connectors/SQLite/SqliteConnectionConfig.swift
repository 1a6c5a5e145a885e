/// Where the SQLite connectors find their database: `sqlite.path`, or Confluent's JDBC form
/// `connection.url=jdbc:sqlite:PATH` so a JDBC connector's config carries over.
enum SqliteConnectionConfig {
    static let connectionURL = "connection.url"
    static let sqlitePath = "sqlite.path"

    static let keys: [ConfigDef.Key] = [
        .init(name: connectionURL, type: .string, defaultValue: "", importance: .high,
              documentation: "JDBC connection URL of the SQLite database, jdbc:sqlite:PATH (or set sqlite.path)", group: "Connection",
              validator: { value in
                  value.isEmpty || value.hasPrefix("jdbc:sqlite:") ? nil
                      : "Invalid value \(value) for configuration connection.url: Samsa's SQLite connectors take jdbc:sqlite:PATH"
              }),
        .init(name: sqlitePath, type: .string, defaultValue: "", importance: .high,
              documentation: "Path of the SQLite database file", group: "Connection"),
    ]

    /// The database path from the settings; throws when neither setting names one.
    static func path(_ props: [String: String]) throws -> String {
        if let path = props[sqlitePath], !path.isEmpty { return path }
        if let url = props[connectionURL], url.hasPrefix("jdbc:sqlite:") {
            // Drop JDBC URL options (`?journal_mode=WAL`); they are the driver's, not part of the path.
            let rest = url.dropFirst("jdbc:sqlite:".count)
            let path = String(rest.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
            if !path.isEmpty { return path }
        }
        throw ConnectError.config("Missing required configuration \"connection.url\" which has no default value (jdbc:sqlite:PATH, or set sqlite.path).")
    }
}
