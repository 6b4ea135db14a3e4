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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
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
            dependencies: ["WeftCore", .product(name: "OrderedCollections", package: "swift-collections")],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "weft",
            dependencies: [
                "WeftCore",
                "WeftNodes",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "OrderedCollections", package: "swift-collections"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "weft-bench-executor",
            dependencies: ["WeftCore", "WeftNodes"],
            path: "Benchmarks/ExecutorBenchmark",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "WeftCoreTests",
            dependencies: ["WeftCore", .product(name: "OrderedCollections", package: "swift-collections")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "WeftNodesTests",
            dependencies: ["WeftCore", "WeftNodes", .product(name: "OrderedCollections", package: "swift-collections")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "weftTests",
            dependencies: ["weft", "WeftCore", "WeftNodes", .product(name: "OrderedCollections", package: "swift-collections")],
            swiftSettings: strictSettings
        ),
    ]
)
