import Foundation
import Testing
import TestSupport

/// `talksearch serve` for real: started on a free port, asked over HTTP.
@Suite(.serialized) struct ServeCommandTests {
    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func theAPIAnswersSearchesFacetsPagesAndCompletions() async throws {
        let seed = try SeedIndex()
        defer { seed.directory.remove() }
        let server = try RunningServer(index: seed.path)
        defer { server.stop() }

        let page = try await server.get("/")
        #expect(page.status == 200 && page.contentType?.hasPrefix("text/html") == true)
        #expect(page.body.contains("<title>TalkSearch</title>") && page.body.contains("/api/search"))

        let search = try await server.get("/api/search?q=deep%20OR%20robustness&limit=2&offset=1&facets=speaker&speaker=Fawzi%2C%20A&speaker=Fawzi%2C%20H")
        #expect(search.status == 200, "\(search.body)")
        let results = try Self.json(search.body)
        #expect(results["total_matches"] as? Int == 2)
        let hits = try #require(results["hits"] as? [[String: Any]])
        #expect(hits.map { $0["rank"] as? Int } == [2])
        #expect((hits.first?["title_html"] as? String)?.contains("<mark>") == true)
        let speaker = try #require((results["facets"] as? [String: Any])?["speaker"] as? [String: Any])
        #expect(speaker["distinct"] as? Int == 2)

        // Form encoding: "+" is a space; FTS5's own "+" travels as %2B.
        let form = try Self.json(try await server.get("/api/search?q=deep+OR+robustness").body)
        #expect(form["query"] as? String == "deep OR robustness" && form["total_matches"] as? Int == 2)
        let plus = try Self.json(try await server.get("/api/search?q=machine%20%2B%20learning").body)
        #expect(plus["query"] as? String == "machine + learning")

        let misspelt = try Self.json(try await server.get("/api/search?q=adversrial").body)
        #expect(misspelt["suggestion"] as? String == "adversarial" && misspelt["total_matches"] as? Int == 0)
        let fuzzy = try Self.json(try await server.get("/api/search?q=adversrial&fuzzy=1").body)
        #expect(fuzzy["searched"] as? String == "(adversrial OR adversarial)" && fuzzy["total_matches"] as? Int == 1)

        let completions = try Self.json(try await server.get("/api/complete?q=deep%20lea").body)
        #expect((completions["completions"] as? [[String: Any]])?.first?["text"] as? String == "deep learning")
    }

    @Test func badRequestsAre400WithTheReason() async throws {
        let seed = try SeedIndex()
        defer { seed.directory.remove() }
        let server = try RunningServer(index: seed.path)
        defer { server.stop() }
        let cases: [(String, String)] = [
            ("/api/search?q=deep%20OR", "invalid query: fts5: syntax error near \"\" (at byte 7)"),
            ("/api/search", "missing q: give a query, e.g. /api/search?q=deep%20learning"),
            ("/api/search?q=x&limit=500", "limit must be a whole number in 1...100, not \"500\""),
            ("/api/search?q=x&year=20x", "year must be 2019, 2018..2020, 2018.. or ..2020, not \"20x\""),
            ("/api/search?q=x&facets=venue", "facets must be a comma-separated list of event, year, language, speaker, tag, not \"venue\""),
            ("/api/search?q=" + String(repeating: "(", count: 40) + "x" + String(repeating: ")", count: 40),
             "query nested too deep: 40 parentheses (at most 32)"),
            ("/api/search?q=" + String(repeating: "a", count: 1001), "query too long: 1001 bytes (at most 1000)"),
        ]
        for (path, message) in cases {
            let answer = try await server.get(path)
            #expect(answer.status == 400, "\(path)")
            #expect(try Self.json(answer.body)["error"] as? String == message, "\(path): \(answer.body)")
        }
        let syntax = try Self.json(try await server.get("/api/search?q=deep%20OR").body)
        #expect(syntax["position"] as? Int == 7)
    }

    @Test func aMissingIndexIs503WithHowToBuildIt() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let server = try RunningServer(index: directory.file("none"))
        defer { server.stop() }
        let answer = try await server.get("/api/search?q=deep")
        #expect(answer.status == 503)
        #expect(try Self.json(answer.body)["error"] as? String
                == "no index at \(directory.file("none"))/; build one with `talksearch rebuild --index \(directory.file("none")) --catalog PATH`")
        // Built while the server runs: the next request finds it.
        _ = try TalkSearchBinary.run(["rebuild", "--catalog", SharedData.seedCatalog, "--index", directory.file("none")])
        #expect(try await server.get("/api/search?q=deep").status == 200)
    }
}
