// swift-tools-version:5.9
import PackageDescription
let package = Package(name: "Reader", dependencies: [.package(url: "https://github.com/onevcat/Kingfisher", from: "7.0.0")])
