import Testing
import TestSupport
@testable import TalkCatalog

@Suite struct TalkJSONLReaderTests {
    @Test func seedCatalogLoadsEveryTalkOfThePage() throws {
        let catalog = try CatalogLoader.load([SharedData.seedCatalog])
        #expect(catalog.talks.count == 6)
        #expect(catalog.skipped.isEmpty)
        let robustness = try #require(catalog.talks.first { $0.title == "Robustness and Geometry of Deep Neural Networks" })
        #expect(robustness.speakers == ["Fawzi, A"])
        #expect(robustness.recorded == "2019-05-23")
        #expect(robustness.slot == "10:20-11:00")
        #expect(robustness.duration == 2400)
        #expect(robustness.description == "")
        #expect(robustness.event == "The Mathematics of Deep Learning and Data Science")
        #expect(robustness.institution == "Isaac Newton Institute for Mathematical Sciences")
        #expect(Set(catalog.talks.map(\.id)).count == 6)
    }

    @Test func optionalFieldsMayBeMissingOrNull() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("c.jsonl", """
            {"id": "a", "title": "Only a title"}
            {"id": "b", "title": "Nulls", "speakers": null, "description": null, "recorded": null, "duration": null}

            {"id": "c", "title": "Full", "speakers": ["X"], "tags": ["t"], "recorded": "2023-05-11T19:00:00+02:00", "duration": 12.5}
            """)
        let talks = try CatalogLoader.load([path]).talks
        #expect(talks.map(\.id) == ["a", "b", "c"])
        #expect(talks[0] == Talk(id: "a", title: "Only a title"))
        #expect(talks[1].speakers.isEmpty && talks[1].description.isEmpty && talks[1].recorded == nil)
        #expect(talks[2].duration == 12.5 && talks[2].tags == ["t"])
    }

    /// Each malformed line gives `file:line: field: reason`, and the load stops there.
    @Test(arguments: [
        (#"{"id": "a", "title": "t"#, #"invalid JSON"#),
        (#"[1, 2]"#, #"c.jsonl:2: expected a JSON object, got an array"#),
        (#"{"title": "t"}"#, #"c.jsonl:2: id: missing"#),
        (#"{"id": "", "title": "t"}"#, #"c.jsonl:2: id: must not be empty"#),
        (#"{"id": 7, "title": "t"}"#, #"c.jsonl:2: id: expected a string, got a number"#),
        (#"{"id": "b"}"#, #"c.jsonl:2: title: missing"#),
        (#"{"id": "b", "title": "t", "speakers": "Ann"}"#, #"c.jsonl:2: speakers: expected an array of strings, got a string"#),
        (#"{"id": "b", "title": "t", "speakers": ["Ann", 3]}"#, #"c.jsonl:2: speakers[1]: expected a string, got a number"#),
        (#"{"id": "b", "title": "t", "recorded": "2019-02-30"}"#, #"c.jsonl:2: recorded: expected an ISO 8601 date"#),
        (#"{"id": "b", "title": "t", "duration": -3}"#, #"c.jsonl:2: duration: expected a number of seconds >= 0"#),
        (#"{"id": "b", "title": "t", "duration": "1h"}"#, #"c.jsonl:2: duration: expected a number or null, got a string"#),
        (#"{"id": "b", "title": "t", "speaker": ["Ann"]}"#, #"c.jsonl:2: speaker: unknown field"#),
        (#"{"id": "a", "title": "again"}"#, #"c.jsonl:2: id: duplicate id "a" (first at "#),
    ])
    func malformedLineStopsTheLoad(line: String, expected: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("c.jsonl", #"{"id": "a", "title": "first"}"# + "\n" + line + "\n")
        let error = try #require(throws: CatalogError.self) { try CatalogLoader.load([path]) }
        #expect(error.line == 2)
        #expect(error.description.contains(expected), "\(error.description)")
        #expect(error.description.hasPrefix(path + ":2: "))
    }

    @Test func skipInvalidLoadsTheRestAndReportsEverySkippedLine() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("c.jsonl", """
            {"id": "a", "title": "good"}
            not json
            {"id": "b", "title": 5}
            {"id": "c", "title": "good too"}
            {"id": "a", "title": "duplicate"}
            """)
        let catalog = try CatalogLoader.load([path], skipInvalid: true)
        #expect(catalog.talks.map(\.id) == ["a", "c"])
        #expect(catalog.skipped.map(\.line) == [2, 3, 5])
        #expect(catalog.skipped[1].description == "\(path):3: title: expected a string, got a number")
        #expect(catalog.skipped[2].description == "\(path):5: id: duplicate id \"a\" (first at \(path):1)")
    }

    @Test func missingFileIsAnErrorEvenWhenSkippingInvalidRecords() {
        let error = #expect(throws: CatalogError.self) {
            try CatalogLoader.load(["/nonexistent/catalog.jsonl"], skipInvalid: true)
        }
        #expect(error?.description == "/nonexistent/catalog.jsonl: no such file or directory")
    }

    @Test func duplicateIdsAcrossFilesAreDetected() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let first = try directory.write("one.jsonl", #"{"id": "x", "title": "t"}"#)
        let second = try directory.write("two.jsonl", #"{"id": "x", "title": "t"}"#)
        let error = try #require(throws: CatalogError.self) { try CatalogLoader.load([first, second]) }
        #expect(error.description == "\(second):1: id: duplicate id \"x\" (first at \(first):1)")
    }

    @Test(.enabled(if: SharedData.isAvailable, SharedData.absentMessage))
    func pyvideoCatalogLoadsCompletely() throws {
        let catalog = try CatalogLoader.load([SharedData.pyvideoCatalog])
        #expect(catalog.talks.count == 21_715)
        #expect(catalog.talks.first?.id == "bay-piggies/april-2016-baypiggies-meeting-at-linkedin-a-preview-of-pycon")
        #expect(catalog.talks.first?.speakers == ["Alex Martelli", "Lisa Bang", "Dave Sawyer"])
    }
}
