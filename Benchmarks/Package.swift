// swift-tools-version:6.1
// TalkSearch's speed suites, a package of their own so that the main package's build and tests do not
// depend on package-benchmark. Run from this folder: `swift package benchmark`.
import PackageDescription

let benchmarkDependencies: [Target.Dependency] = [
    .product(name: "Benchmark", package: "package-benchmark"),
    .product(name: "SearchEngine", package: "TalkSearch"),
    .product(name: "SearchFTS5", package: "TalkSearch"),
    .product(name: "TalkCatalog", package: "TalkSearch"),
    "BenchmarkSupport",
]

let package = Package(
    name: "TalkSearchBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "TalkSearch", path: ".."),
        .package(url: "https://github.com/ordo-one/package-benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        .target(
            name: "BenchmarkSupport",
            dependencies: [
                .product(name: "SearchEngine", package: "TalkSearch"),
                .product(name: "SearchFTS5", package: "TalkSearch"),
                .product(name: "TalkCatalog", package: "TalkSearch"),
            ],
            path: "Benchmarks/Shared"
        ),
        .executableTarget(
            name: "Querying", dependencies: benchmarkDependencies, path: "Benchmarks/Querying",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        .executableTarget(
            name: "Indexing", dependencies: benchmarkDependencies, path: "Benchmarks/Indexing",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        .executableTarget(
            name: "Suggesting", dependencies: benchmarkDependencies, path: "Benchmarks/Suggesting",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        .executableTarget(
            name: "Tokenizing", dependencies: benchmarkDependencies, path: "Benchmarks/Tokenizing",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
