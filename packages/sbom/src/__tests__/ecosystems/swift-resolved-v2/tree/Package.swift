// swift-tools-version:5.9
import PackageDescription
let package = Package(name: "relay", dependencies: [.package(url: "https://github.com/apple/swift-nio.git", from: "2.64.0")])
