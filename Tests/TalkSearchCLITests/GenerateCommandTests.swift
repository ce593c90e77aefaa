import Foundation
import Testing
import TestSupport

@Suite struct GenerateCommandTests {
    @Test func sameSeedWritesTheSameBytesAndTheCatalogIndexes() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        for name in ["a.jsonl", "b.jsonl"] {
            let output = try TalkSearchBinary.run(["generate", "--talks", "25", "--seed", "4", "--like", SharedData.seedCatalog, "-o", directory.file(name)])
            #expect(output.status == 0, "\(output.standardError)")
            #expect(output.standardError.hasPrefix("Generated 25 talks like \(SharedData.seedCatalog) (6 talks), seed 4"))
        }
        let first = try Data(contentsOf: URL(fileURLWithPath: directory.file("a.jsonl")))
        #expect(first == (try Data(contentsOf: URL(fileURLWithPath: directory.file("b.jsonl")))))
        #expect(first.split(separator: UInt8(ascii: "\n")).count == 25)
        let rebuild = try TalkSearchBinary.run(["rebuild", "--catalog", directory.file("a.jsonl"), "--index", directory.file("index")])
        #expect(rebuild.status == 0, "\(rebuild.standardError)")
        #expect(rebuild.standardOutput.hasPrefix("Indexed 25 talks"))
    }

    @Test func aBadCountIsAClearError() throws {
        let output = try TalkSearchBinary.run(["generate", "--talks", "0"])
        #expect(output.status != 0)
        #expect(output.standardError.contains("--talks must be at least 1"))
    }
}
