import Testing
import TestSupport
@testable import TalkCatalog

@Suite struct RelevanceDocsReaderTests {
    @Test func mapsTitleAuthorAndText() throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        try root.write("cran/docs.jsonl", """
            {"id": "1", "title": "experimental investigation", "author": "brenckman,m.", "bib": "j. ae. scs. 25", "text": "an experimental study"}
            {"id": "2", "text": "only text"}
            """)
        try root.write("cran/qrels.txt", "1 0 1 3\n")
        for path in [root.file("cran"), root.file("cran/docs.jsonl")] {
            let talks = try CatalogLoader.load([path]).talks
            #expect(talks == [
                Talk(id: "1", title: "experimental investigation", speakers: ["brenckman,m."], description: "an experimental study", event: "cran"),
                Talk(id: "2", title: "", description: "only text", event: "cran"),
            ])
        }
    }

    @Test func unknownFieldsAreErrors() throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        let docs = try root.write("c/docs.jsonl", #"{"id": "1", "txt": "typo"}"#)
        let error = try #require(throws: CatalogError.self) { try CatalogLoader.load([docs]) }
        #expect(error.description.hasPrefix("\(docs):1: txt: unknown field"))
    }

    @Test(.enabled(if: SharedData.isAvailable, SharedData.absentMessage),
          arguments: [("cranfield", 1400), ("med", 1033), ("adi", 82)])
    func sharedCollectionsLoad(name: String, count: Int) throws {
        let talks = try CatalogLoader.load([SharedData.path("relevance/\(name)")]).talks
        #expect(talks.count == count)
    }
}
