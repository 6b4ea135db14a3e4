// swift-tools-version: 6.1
import PackageDescription

/// Strictness shared by every Swift target: Swift 6 language mode plus the upcoming features DESIGN.md asks for.
let strictSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Weft",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "weft", targets: ["weft"]),
        .library(name: "WeftCore", targets: ["WeftCore"]),
        .library(name: "WeftNodes", targets: ["WeftNodes"]),
        .library(name: "WeftStore", targets: ["WeftStore"]),
        .library(name: "WeftServer", targets: ["WeftServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.86.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        .target(
            name: "WeftCore",
            dependencies: [
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "DequeModule", package: "swift-collections"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "WeftNodes",
            dependencies: [
                "WeftCore",
                "WeftImage",
                "WeftTensor",
                "WeftDiffusion",
                "WeftRemote",
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "WeftStore",
            dependencies: [
                "WeftCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "OrderedCollections", package: "swift-collections"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "WeftServer",
            dependencies: [
                "WeftCore",
                "WeftStore",
                "WeftImage",
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "WeftRemote",
            dependencies: [
                "WeftCore",
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "CImageCodecs",
            cSettings: [.unsafeFlags(["-O2"])],
            linkerSettings: [.linkedLibrary("png16"), .linkedLibrary("jpeg"), .linkedLibrary("webp"), .linkedLibrary("z")]
        ),
        .target(
            name: "WeftImage",
            dependencies: ["CImageCodecs", "WeftTensor"],
            swiftSettings: strictSettings
        ),
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .target(name: "CTensorKernels", cSettings: [.unsafeFlags(["-O2"])]),
        .target(
            name: "WeftTensor",
            dependencies: ["COpenBLAS", "CTensorKernels"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "WeftDiffusion",
            dependencies: ["WeftTensor"],
            resources: [.copy("Resources/clip-tokenizer")],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "weft",
            dependencies: [
                "WeftCore",
                "WeftNodes",
                "WeftImage",
                "WeftStore",
                "WeftServer",
                "WeftRemote",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "OrderedCollections", package: "swift-collections"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "weft-bench-remote",
            dependencies: [
                "WeftCore", "WeftNodes", "WeftRemote", "WeftImage", "WeftBenchmarkSupport",
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Benchmarks/RemoteBenchmark",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "weft-bench-executor",
            dependencies: ["WeftCore", "WeftNodes"],
            path: "Benchmarks/ExecutorBenchmark",
            swiftSettings: strictSettings
        ),
        .target(
            name: "WeftBenchmarkSupport",
            dependencies: ["WeftTensor"],
            path: "Benchmarks/Support",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "weft-bench-tensor",
            dependencies: ["WeftTensor", "WeftImage", "WeftBenchmarkSupport"],
            path: "Benchmarks/TensorBenchmark",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "weft-bench-diffusion",
            dependencies: ["WeftDiffusion", "WeftTensor", "WeftBenchmarkSupport"],
            path: "Benchmarks/DiffusionBenchmark",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "WeftCoreTests",
            dependencies: ["WeftCore", .product(name: "OrderedCollections", package: "swift-collections")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "WeftNodesTests",
            dependencies: [
                "WeftCore", "WeftNodes", "WeftImage", "WeftTensor", "WeftRemote",
                .product(name: "OrderedCollections", package: "swift-collections"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "weft-bench-server",
            dependencies: [
                "WeftCore",
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
            ],
            path: "Benchmarks/ServerBenchmark",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "WeftStoreTests",
            dependencies: [
                "WeftStore",
                "WeftCore",
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "WeftServerTests",
            dependencies: [
                "WeftServer",
                "RemoteTestSupport",
                "WeftImage",
                "WeftStore",
                .product(name: "GRDB", package: "GRDB.swift"),
                "WeftCore",
                "WeftNodes",
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "RemoteTestSupport",
            dependencies: [
                "WeftRemote",
                "WeftCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Tests/RemoteTestSupport",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "WeftRemoteTests",
            dependencies: [
                "RemoteTestSupport",
                "WeftRemote",
                "WeftCore",
                "WeftNodes",
                "WeftImage",
                "WeftTensor",
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "weftTests",
            dependencies: [
                "weft",
                "RemoteTestSupport",
                "WeftCore",
                "WeftNodes",
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "WeftImageTests",
            dependencies: ["WeftImage", "WeftTensor"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "WeftDiffusionTests",
            dependencies: ["WeftDiffusion", "WeftTensor"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "WeftTensorTests",
            dependencies: ["WeftTensor", "CTensorKernels"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
    ]
)
