import Foundation
import Testing
import TestSupport
@testable import TalkSearchCLI

@Suite struct IndexDirectoryTests {
    @Test func aThrowingBuildLeavesCurrentAndRemovesItsStaging() throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        let directory = IndexDirectory(path: root.file("index"))
        let first = try directory.replace { folder in try Data("one".utf8).write(to: URL(fileURLWithPath: folder + "/f")) }
        #expect(try directory.currentGeneration() == first)
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try directory.replace { folder in
                try Data("half".utf8).write(to: URL(fileURLWithPath: folder + "/f"))
                throw Boom()
            }
        }
        #expect(try directory.currentGeneration() == first)
        #expect(try String(contentsOfFile: first + "/f", encoding: .utf8) == "one")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(names == ["CURRENT", (first as NSString).lastPathComponent, "lock"])
    }

    @Test func aSuccessfulBuildReplacesAndRemovesTheOldGeneration() throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        let directory = IndexDirectory(path: root.file("index"))
        let first = try directory.replace { _ in }
        let second = try directory.replace { _ in }
        #expect(first != second)
        #expect(try directory.currentGeneration() == second)
        #expect(!FileManager.default.fileExists(atPath: first))
    }

    @Test func aDamagedPointerIsReported() throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        try root.write("index/CURRENT", "../../etc\n")
        #expect(throws: CLIError.self) { try IndexDirectory(path: root.file("index")).currentGeneration() }
    }
}
