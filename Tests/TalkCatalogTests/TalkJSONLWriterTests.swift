import Testing
import TestSupport
@testable import TalkCatalog

@Suite struct TalkJSONLWriterTests {
    @Test func writtenCatalogReadsBackIdentically() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let talks = [
            Talk(id: "x/1", title: "Poincaré \"maps\"\n", speakers: ["A", "B"], description: "tab\there", event: "E",
                 recorded: "2019-05-23", language: "fra", tags: ["t"], duration: 61.5, url: "https://a/b",
                 institution: "I", slot: "10:00-10:20"),
            Talk(id: "x/2", title: "Bare"),
        ]
        let path = directory.file("out.jsonl")
        try TalkJSONLWriter.write(talks, to: path)
        #expect(try CatalogLoader.load([path]).talks == talks)
    }

    @Test func searchableColumnsAreTitleSpeakersDescription() {
        let talk = Talk(id: "i", title: "T", speakers: ["Fawzi, H", "Fawzi, A"], description: "D")
        #expect(Talk.columns.names == ["title", "speakers", "description"])
        #expect(talk.document.columns == ["T", "Fawzi, H; Fawzi, A", "D"])
    }
}
