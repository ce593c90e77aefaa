// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "TalkSearch",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "talksearch", targets: ["TalkSearchCLI"]),
        .library(name: "SearchEngine", targets: ["SearchEngine"]),
        .library(name: "SearchFTS5", targets: ["SearchFTS5"]),
        .library(name: "TalkCatalog", targets: ["TalkCatalog"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-atomics", from: "1.2.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
    ],
    targets: [
        // The hand-built engine: analysis, index, ranking, query language, search. Pure Swift; its C
        // libraries are Zstandard, which compresses the index file's stored documents, and zlib's CRC-32.
        .target(
            name: "SearchEngine",
            dependencies: ["CZstd", "CZlib", .product(name: "HeapModule", package: "swift-collections"),
                           .product(name: "Atomics", package: "swift-atomics")],
            exclude: ["Analysis/Generated/generate-unicode61-tables.py"],
            // The match walk's matchers are classes whose properties it reads and writes per posting;
            // Swift's run-time exclusivity checks on them cost 12% of query time (perf, the public
            // queries). Debug builds, which the tests run, keep the checks.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
        ),
        // The system SQLite, linked through pkg-config (apt: libsqlite3-dev). Never vendored.
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]
        ),
        // The system Zstandard library, linked through pkg-config (apt: libzstd-dev). Never vendored.
        .systemLibrary(
            name: "CZstd",
            pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"]), .brew(["zstd"])]
        ),
        // The system zlib, linked through pkg-config (apt: zlib1g-dev): its crc32 checksums the index
        // file's blocks (2.2 times the throughput of a slicing-by-8 loop in Swift). Never vendored.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        // glibc's malloc.h (mallopt), for the command-line tool's allocator settings.
        .systemLibrary(name: "CAllocator"),
        // The reference backend: SQLite FTS5 over the same documents.
        .target(name: "SearchFTS5", dependencies: ["SearchEngine", "CSQLite"]),
        // Talks, catalogs and their loaders. Swift's run-time exclusivity checks under the JSONL
        // reader (swift_beginAccess in JSONLines.forEach) were a tenth of a `rebuild` of pyvideo
        // (perf); without them it takes 3.3-3.8 s instead of 3.7-4.2 s. Debug builds, which the tests
        // run, keep the checks.
        .target(
            name: "TalkCatalog",
            dependencies: ["SearchEngine"],
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
        ),
        .executableTarget(
            name: "TalkSearchCLI",
            dependencies: [
                "SearchEngine", "SearchFTS5", "TalkCatalog", "CAllocator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .target(
            name: "TestSupport",
            dependencies: ["SearchEngine", "SearchFTS5", "TalkCatalog"],
            path: "Tests/TestSupport"
        ),
        .testTarget(name: "SearchEngineTests", dependencies: ["SearchEngine", "TalkCatalog", "TestSupport"], exclude: ["Evaluation/Fixtures"]),
        .testTarget(name: "SearchFTS5Tests", dependencies: ["SearchFTS5", "TestSupport"]),
        .testTarget(name: "TalkCatalogTests", dependencies: ["TalkCatalog", "TestSupport"]),
        .testTarget(
            name: "DifferentialTests",
            dependencies: ["SearchEngine", "SearchFTS5", "TalkCatalog", "TestSupport"]
        ),
        .testTarget(name: "TalkSearchCLITests", dependencies: ["TalkSearchCLI", "TalkCatalog", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
