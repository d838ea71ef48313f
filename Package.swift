// swift-tools-version: 6.1
// The package draws the architecture: no stage imports another, only GazetteModel;
// GazetteCLI alone sees several (style.md).
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

/// The parser's hot loops live in final classes (SAX state, the JSON writer); their dynamic
/// exclusivity checks cost ~8% of `parse` in release builds (perf, bench/parse.sh). Debug keeps them.
let hot: [SwiftSetting] = strict + [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "Gazette",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "gazette", targets: ["gazette"]),
        // For Fuzz/, which builds the parser alone with sanitizers.
        .library(name: "GazetteParse", targets: ["GazetteParse"]),
        .library(name: "GazettePublish", targets: ["GazettePublish"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(name: "GazetteModel", swiftSettings: hot),
        .target(name: "GazetteParse", dependencies: ["GazetteModel", "CLibXML2"], swiftSettings: hot),
        .target(
            name: "GazetteFetch",
            dependencies: ["GazetteModel", "CCurl", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .target(
            name: "GazetteStore",
            dependencies: ["GazetteModel", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),
        .target(name: "GazettePublish", dependencies: ["GazetteModel"], swiftSettings: strict),
        .target(
            name: "GazetteConfig",
            dependencies: ["GazetteModel", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        .target(
            name: "GazetteCLI",
            dependencies: [
                "GazetteModel", "GazetteParse", "GazetteConfig", "GazetteFetch", "GazetteStore", "GazettePublish",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(name: "gazette", dependencies: ["GazetteCLI"], swiftSettings: strict),
        .testTarget(
            name: "GazetteParseTests",
            dependencies: ["GazetteParse", "GazetteModel", "GazettePublish", "GazetteTestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: strict
        ),
        // Test support: a real HTTP server on 127.0.0.1 whose routes misbehave on purpose.
        .systemLibrary(name: "CZlib", path: "Tests/CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CBrotli", path: "Tests/CBrotli", pkgConfig: "libbrotlienc", providers: [.apt(["libbrotli-dev"])]),
        .target(name: "GazetteTestSupport", dependencies: ["CZlib", "CBrotli"],
                path: "Tests/GazetteTestSupport", exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "GazetteFetchTests",
                    dependencies: ["GazetteFetch", "GazetteModel", "GazetteTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "GazetteStoreTests",
            dependencies: ["GazetteStore", "GazetteModel", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "GazettePublishTests",
            dependencies: ["GazettePublish", "GazetteModel", "GazetteTestSupport", .product(name: "Yams", package: "Yams")],
            exclude: ["Fixtures"],
            swiftSettings: strict
        ),
        .testTarget(name: "GazetteConfigTests", dependencies: ["GazetteConfig", "GazetteModel"], swiftSettings: strict),
        .testTarget(
            name: "GazetteCLITests",
            dependencies: ["GazetteCLI", "GazetteModel", "GazetteStore", "GazetteTestSupport"],
            swiftSettings: strict
        ),
    ]
)
