import Testing
import TestSupport
@testable import TalkCatalog

@Suite struct PyVideoDirectoryReaderTests {
    func makeTree() throws -> TemporaryDirectory {
        let root = try TemporaryDirectory()
        try root.write("pycon-us-2019/category.json", #"{"title": "PyCon US 2019"}"#)
        try root.write("pycon-us-2019/videos/daniel-chen-pandas.json", """
            {"copyright_text": null, "description": "Pandas for everyone", "duration": 11979, "language": "eng",
             "recorded": "2019-05-02", "speakers": ["Daniel Chen"], "tags": ["pandas"],
             "thumbnail_url": "https://i.ytimg.com/x.jpg", "title": "Pandas is for Everyone",
             "videos": [{"type": "youtube", "url": "https://www.youtube.com/watch?v=OnSEj1v-iJo"}]}
            """)
        try root.write("pycon-us-2019/videos/a-talk.json", #"{"title": "A talk", "slug": "custom-slug"}"#)
        try root.write("euroscipy-2017/category.json", #"{"title": "EuroSciPy 2017"}"#)
        try root.write("euroscipy-2017/videos/numba.json", #"{"title": "Numba", "speakers": ["Val"], "videos": []}"#)
        try root.write("README.md", "not an event")
        return root
    }

    @Test func readsEveryEventInSortedOrder() throws {
        let root = try makeTree()
        defer { root.remove() }
        let talks = try CatalogLoader.load([root.path]).talks
        #expect(talks.map(\.id) == ["euroscipy-2017/numba", "pycon-us-2019/custom-slug", "pycon-us-2019/daniel-chen-pandas"])
        let pandas = talks[2]
        #expect(pandas.event == "PyCon US 2019")
        #expect(pandas.url == "https://www.youtube.com/watch?v=OnSEj1v-iJo")
        #expect(pandas.duration == 11979 && pandas.language == "eng" && pandas.tags == ["pandas"])
        #expect(talks[0].url == nil)
    }

    @Test func aSingleEventFolderIsACatalogToo() throws {
        let root = try makeTree()
        defer { root.remove() }
        let talks = try CatalogLoader.load([root.file("euroscipy-2017")]).talks
        #expect(talks.map(\.id) == ["euroscipy-2017/numba"])
    }

    @Test func aBadVideoFileIsNamedWithItsField() throws {
        let root = try makeTree()
        defer { root.remove() }
        let bad = try root.write("pycon-us-2019/videos/broken.json", #"{"title": "B", "speakers": "Ann"}"#)
        let error = try #require(throws: CatalogError.self) { try CatalogLoader.load([root.path]) }
        #expect(error.description == "\(bad): speakers: expected an array of strings, got a string")
        let skipping = try CatalogLoader.load([root.path], skipInvalid: true)
        #expect(skipping.talks.count == 3)
        #expect(skipping.skipped.map(\.file) == [bad])
    }

    @Test func aMissingCategoryTitleStopsTheLoad() throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        let category = try root.write("ev/category.json", #"{"name": "x"}"#)
        let error = try #require(throws: CatalogError.self) { try CatalogLoader.load([root.path]) }
        #expect(error.description == "\(category): title: missing")
    }

    @Test func aDirectoryOfNeitherKindIsRejected() throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        try root.write("notes.txt", "hello")
        let error = try #require(throws: CatalogError.self) { try CatalogLoader.load([root.path]) }
        #expect(error.description.contains("neither a pyvideo/data tree"))
    }
}
