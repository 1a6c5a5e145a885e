// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "samsa",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "samsa", targets: ["samsa"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
    ],
    targets: [
        // Hardware CRC32C (SSE4.2) with a table fallback: the produce path checks every batch.
        .target(name: "CCRC32C"),
        // Kafka's record codecs (gzip, snappy, lz4, zstd) from Debian's C libraries.
        .systemLibrary(name: "CCompression", providers: [.apt(["zlib1g-dev", "libsnappy-dev", "liblz4-dev", "libzstd-dev"])]),
        .target(
            name: "SamsaProtocol",
            dependencies: [
                "CCRC32C",
                "CCompression",
                .product(name: "NIOCore", package: "swift-nio"),
                // SCRAM's HMAC, hashes and PBKDF2, shared by the broker and the client.
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "SamsaStorage",
            dependencies: [
                "SamsaProtocol",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "SamsaEngine",
            dependencies: [
                "SamsaProtocol",
                "SamsaStorage",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Collections", package: "swift-collections"),
            ]
        ),
        .target(
            name: "SamsaServer",
            dependencies: [
                "SamsaProtocol",
                "SamsaStorage",
                "SamsaEngine",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .target(
            name: "SamsaClient",
            dependencies: [
                "SamsaProtocol",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // RocksDB's C API, where Streams keeps its state stores (as Kafka Streams does).
        .systemLibrary(name: "CRocksDB", providers: [.apt(["librocksdb-dev"])]),
        .target(
            name: "SamsaStreams",
            dependencies: [
                "CRocksDB",
                "SamsaProtocol",
                "SamsaClient",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // SQLite's C API (Debian's libsqlite3-dev): the SQLite sink and source connectors.
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .target(
            name: "SamsaConnect",
            dependencies: [
                "CSQLite",
                "SamsaProtocol",
                "SamsaClient",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // ncursesw behind a shim header: Swift 6 cannot use curses' C globals and function-like macros directly.
        .systemLibrary(name: "CNCurses", providers: [.apt(["libncurses-dev"])]),
        .target(
            name: "SamsaTUI",
            dependencies: [
                "CNCurses",
                "SamsaProtocol",
                "SamsaStorage",
                "SamsaEngine",
                "SamsaClient",
                "SamsaStreams",
                "SamsaConnect",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Collections", package: "swift-collections"),
            ]
        ),
        .executableTarget(
            name: "samsa",
            dependencies: [
                "SamsaProtocol",
                "SamsaStorage",
                "SamsaEngine",
                "SamsaServer",
                "SamsaClient",
                "SamsaTUI",
                "SamsaStreams",
                "SamsaConnect",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "SamsaProtocolTests",
            dependencies: ["SamsaProtocol", .product(name: "NIOCore", package: "swift-nio")],
            exclude: ["APIs/fixtures"]
        ),
        .testTarget(
            name: "SamsaStorageTests",
            dependencies: ["SamsaStorage", "SamsaProtocol", .product(name: "NIOCore", package: "swift-nio")]
        ),
        .testTarget(
            name: "SamsaEngineTests",
            dependencies: [
                "SamsaEngine", "SamsaStorage", "SamsaProtocol",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "SamsaServerTests",
            dependencies: [
                "SamsaServer", "SamsaEngine", "SamsaProtocol", "SamsaClient",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOTestUtils", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "SamsaTUITests",
            dependencies: ["SamsaTUI", "SamsaEngine", "SamsaStorage", "SamsaProtocol", "SamsaStreams", "SamsaServer", "SamsaClient",
                           .product(name: "Logging", package: "swift-log"),
                           .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio")]
        ),
        .testTarget(
            name: "SamsaStreamsTests",
            dependencies: [
                "SamsaStreams", "SamsaClient", "SamsaProtocol", "SamsaServer", "SamsaEngine",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "SamsaConnectTests",
            dependencies: [
                "SamsaConnect", "SamsaClient", "SamsaProtocol", "SamsaServer", "SamsaEngine",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "SamsaClientTests",
            dependencies: ["SamsaClient", "SamsaProtocol", "SamsaStreams", "SamsaConnect", "samsa", .product(name: "NIOCore", package: "swift-nio"),
                           .product(name: "NIOPosix", package: "swift-nio"), .product(name: "NIOSSL", package: "swift-nio-ssl")]
        ),
    ]
)
