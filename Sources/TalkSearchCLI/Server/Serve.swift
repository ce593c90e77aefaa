import ArgumentParser
import Foundation
import Hummingbird

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve a search page and a JSON API over the index (Hummingbird).",
        discussion: """
            GET / is the search page; GET /api/search?q=... and GET /api/complete?q=... the API (see the
            README). Listens on 127.0.0.1 unless --host says otherwise; --port 0 picks a free port. The
            first line printed is `Serving INDEX on http://HOST:PORT`. A rebuild of the index is picked up
            by the next request.
            """
    )

    @OptionGroup var indexOptions: IndexOptions

    @Option(help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "The port to listen on (0: any free port).")
    var port: Int = 8080

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be in 0...65535") }
    }

    func run() async throws {
        let api = SearchAPI(index: LiveIndex(directory: indexOptions.directory))
        let router = Router()
        router.get("/") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                     body: ResponseBody(byteBuffer: ByteBuffer(string: SearchPage.html)))
        }
        router.get("/api/search") { request, _ in
            Self.respond { () throws(SearchAPI.Failure) in try api.search(Self.parameters(request)) }
        }
        router.get("/api/complete") { request, _ in
            Self.respond { () throws(SearchAPI.Failure) in try api.complete(Self.parameters(request)) }
        }
        let index = indexOptions.index, host = self.host
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "talksearch"),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? 0
                // Written unbuffered: whoever started the server reads this line to learn the port.
                FileHandle.standardOutput.write(Data("Serving \(index)/ on http://\(host):\(bound)\n".utf8))
            }
        )
        try await app.runService()
    }

    /// The query string's parameters, decoded as HTML forms and `URLSearchParams` encode them: `+` is a
    /// space and `%XX` a byte (so an FTS5 `+` arrives as `%2B`). Invalid escapes leave the text as sent.
    static func parameters(_ request: Request) -> [(key: String, value: String)] {
        FormDecoding.pairs(request.uri.query ?? "")
    }

    static func respond(_ body: () throws(SearchAPI.Failure) -> String) -> Response {
        let status: HTTPResponse.Status
        let text: String
        do {
            text = try body()
            status = .ok
        } catch {
            text = error.body
            status = HTTPResponse.Status(code: error.status)
        }
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
