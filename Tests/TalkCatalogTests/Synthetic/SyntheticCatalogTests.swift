import Foundation
import Testing
import TestSupport
@testable import TalkCatalog

@Suite struct SyntheticCatalogTests {
    /// A small bilingual catalog with known words.
    static let real = [
        Talk(id: "r/1", title: "Deep learning today", speakers: ["Ada Lovelace"], description: "networks learn from data",
             event: "Conf 2019", recorded: "2019-05-23", language: "eng", tags: ["ml"], duration: 60),
        Talk(id: "r/2", title: "Aprendizaje profundo", speakers: ["Grace Hopper", "Alan Turing"], description: "redes y datos",
             event: "PyConES", recorded: "2020-10-03", language: "spa", tags: [], duration: nil),
        Talk(id: "r/3", title: "Compilers", speakers: ["Edsger Dijkstra"], description: "", event: "Conf 2019",
             recorded: "2019-05-24", language: "eng", tags: ["compilers", "ml"], duration: 30),
    ]

    static func generate(_ count: Int, seed: UInt64) -> [Talk] {
        Array(SyntheticCatalog(statistics: CatalogStatistics(talks: real), count: count, seed: seed))
    }

    @Test func sameSeedSameCatalogOtherSeedAnother() {
        #expect(Self.generate(50, seed: 9) == Self.generate(50, seed: 9))
        #expect(Self.generate(50, seed: 9) != Self.generate(50, seed: 10))
    }

    @Test func talksHaveUniqueIdsAndRealShapes() {
        let talks = Self.generate(300, seed: 3)
        #expect(talks.count == 300)
        #expect(Set(talks.map(\.id)).count == 300)
        #expect(talks.first?.id == "synthetic-3/0000001")
        let shapes = Set(Self.real.map { [$0.title.split(separator: " ").count, $0.description.split(separator: " ").count, $0.speakers.count, $0.tags.count] })
        for talk in talks {
            let shape = [talk.title.split(separator: " ").count, talk.description.split(separator: " ").count, talk.speakers.count, talk.tags.count]
            #expect(shapes.contains(shape), "\(talk.id): \(shape)")
            #expect(["eng", "spa"].contains(talk.language ?? ""))
        }
    }

    @Test func wordsComeFromTheTalksLanguageWhileWithinTheRealSize() {
        let words = { (language: String) in
            Set(Self.real.filter { $0.language == language }.flatMap { ($0.title + " " + $0.description).split(separator: " ").map(String.init) })
        }
        let english = words("eng"), spanish = words("spa")
        // The real catalog has 10 title words: the first talks stay below that, so no new word appears.
        for talk in Self.generate(2, seed: 5) {
            let vocabulary = talk.language == "spa" ? spanish : english
            for word in (talk.title + " " + talk.description).split(separator: " ") {
                #expect(vocabulary.contains(String(word)), "\(talk.id) (\(talk.language ?? "")): \(word)")
            }
        }
    }

    @Test func vocabularyAndSpeakersKeepGrowingPastTheRealSize() {
        let talks = Self.generate(3_000, seed: 11)
        let realWords = Set(Self.real.flatMap { ($0.title + " " + $0.description).split(separator: " ").map(String.init) })
        let newWords = Set(talks.flatMap { ($0.title + " " + $0.description).split(separator: " ").map(String.init) }).subtracting(realWords)
        #expect(newWords.count > 100, "\(newWords.count) new words")
        let speakers = Set(talks.flatMap(\.speakers))
        #expect(speakers.count > 10, // of the 16 first-last pairs
                "\(speakers.count) speakers")
        // New people are a real first name with a real last name.
        for name in speakers {
            let parts = name.split(separator: " ")
            #expect(["Ada", "Grace", "Alan", "Edsger"].contains(parts.first ?? "") && ["Lovelace", "Hopper", "Turing", "Dijkstra"].contains(parts.last ?? ""), "\(name)")
        }
        #expect(talks.contains { $0.event == "Conf 2019 (2)" }, "events are copied after a full pass")
    }

    @Test func aStreamedCatalogLoadsBackStrictly() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("synthetic.jsonl")
        let talks = Self.generate(40, seed: 2)
        let stream = try TalkJSONLStream(path: path)
        for talk in talks { try stream.append(talk) }
        try stream.commit()
        #expect(try CatalogLoader.load([path]).talks == talks)
        #expect(stream.talksWritten == 40)
    }

    @Test func anUncommittedStreamLeavesNothingBehind() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("never.jsonl")
        do {
            let stream = try TalkJSONLStream(path: path)
            try stream.append(Self.real[0])
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }
}
