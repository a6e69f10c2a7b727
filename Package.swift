// swift-tools-version:6.0
import PackageDescription

// Module dependency rules (enforced by scripts/lint.sh, see docs/architecture.md; lint also requires each target's
// dependencies here to be exactly the project modules and products its files import):
// the C modules are imported by exactly one wrapper each; everything points inward to PipelineCore.
let package = Package(
    name: "DataPipeline",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "dp-fcgi", targets: ["dp-fcgi"]),
        .executable(name: "dp-worker", targets: ["dp-worker"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        // AES-GCM for connection passwords at rest (README, "Passwords at rest").
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .systemLibrary(name: "CFastCGI", pkgConfig: "fcgi", providers: [.apt(["libfcgi-dev"])]),
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        // PostgreSQL's own parser (libpg_query, Debian's libpg-query-dev; no pkg-config file, the module map links it).
        .systemLibrary(name: "CPgQuery", providers: [.apt(["libpg-query-dev"])]),

        .target(name: "FastCGI", dependencies: ["CFastCGI"]),
        .target(name: "Postgres", dependencies: ["CLibPQ"]),
        .target(name: "PgQuery", dependencies: ["CPgQuery"]),

        // The core decides what SQL may run from PostgreSQL's parse tree: the parser wrapper is its one project dependency.
        .target(name: "PipelineCore", dependencies: ["PgQuery"]),
        .target(name: "PipelineStore", dependencies: ["PipelineCore", "Postgres", .product(name: "Crypto", package: "swift-crypto")]),
        // The Chinese wording of Core's typed reasons, for the API's answers and the worker's error_message.
        .target(name: "PipelineWording", dependencies: ["PipelineCore"]),
        .target(name: "PipelineAPI", dependencies: ["PipelineCore", "PipelineWording", .product(name: "Logging", package: "swift-log")]),
        // The prompt templates are compiled in as string constants (scripts/gen-prompts.sh), not shipped as resources.
        .target(name: "PipelineProviders", dependencies: ["PipelineCore", "Postgres"], exclude: ["OpenAI/Prompts/templates"]),
        .target(name: "PipelineSteps", dependencies: ["PipelineCore", "PipelineWording"]),

        // The fake OpenAI-compatible server (a test double of the remote service): Foundation only, so production
        // modules never link it. Used in process by the tests (through TestSupport) and as a process by the
        // end-to-end tests and benchmarks (dp-fake-openai).
        .target(name: "FakeOpenAI"),
        .executableTarget(name: "dp-fake-openai", dependencies: ["FakeOpenAI"]),
        // The SQL gate's throughput for scripts/bench.sh gate (not installed by deploy/install.sh).
        .executableTarget(name: "dp-gate-bench", dependencies: ["PipelineCore"]),

        .executableTarget(
            name: "dp-fcgi",
            dependencies: [
                "PipelineCore", "PipelineStore", "PipelineAPI", "PipelineProviders", "FastCGI",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Shared by the integration tests: throw-away databases on the cluster scripts/test.sh starts.
        .target(name: "TestSupport", dependencies: ["PipelineCore", "Postgres", "FakeOpenAI"], path: "Tests/TestSupport"),
        .executableTarget(
            name: "dp-worker",
            dependencies: [
                "PipelineCore", "PipelineSteps", "PipelineProviders", "PipelineStore", "PipelineWording",
            ]
        ),

        .testTarget(name: "PipelineCoreTests", dependencies: ["PipelineCore"]),
        .testTarget(name: "PipelineStepsTests", dependencies: ["PipelineSteps", "PipelineCore"]),
        .testTarget(
            name: "PipelineAPITests",
            dependencies: ["PipelineAPI", "PipelineCore", "PipelineWording", "PipelineStore", "PipelineProviders", "Postgres", "TestSupport",
                           .product(name: "Logging", package: "swift-log")]
        ),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres"]),
        .testTarget(name: "PgQueryTests", dependencies: ["PgQuery"]),
        .testTarget(name: "FastCGITests", dependencies: ["FastCGI"]),
        .testTarget(name: "PipelineStoreTests", dependencies: ["PipelineStore", "PipelineProviders", "PipelineCore", "Postgres", "TestSupport"]),
        // Black-box: talks to the stack over HTTP only; the fake OpenAI server is the remote service's double.
        .testTarget(name: "EndToEndTests", dependencies: ["FakeOpenAI"]),
    ]
)
