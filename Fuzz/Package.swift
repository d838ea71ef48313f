// swift-tools-version: 6.1
// libFuzzer over the feed parser, kept out of the normal build (environment.md):
//   swift build -c debug -Xswiftc -sanitize=fuzzer,address 
// or `make fuzz` from the repository root.
import PackageDescription

let package = Package(
    name: "GazetteFuzz",
    dependencies: [.package(name: "Gazette", path: "..")],
    targets: [
        .executableTarget(
            name: "FeedFuzzer",
            dependencies: ["FuzzDriver", .product(name: "GazetteParse", package: "Gazette"),
                           .product(name: "GazettePublish", package: "Gazette")]
        ),
        .target(name: "FuzzDriver"),
    ]
)
