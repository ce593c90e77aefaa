import Foundation
import Testing
import TestSupport

/// The search page in headless Chromium against a running `talksearch serve`: type a query, see the
/// results, click a facet, see them narrowed; screenshots (desktop and phone) are kept under
/// `.build/test-artifacts/` (or `$TALKSEARCH_ARTIFACTS`).
@Suite(.serialized, .enabled(if: HeadlessChromium.executable != nil, HeadlessChromium.absentMessage))
struct BrowserTests {
    static var artifacts: URL {
        if let path = ProcessInfo.processInfo.environment["TALKSEARCH_ARTIFACTS"] { return URL(fileURLWithPath: path) }
        return SharedData.repositoryRoot.appendingPathComponent(".build/test-artifacts")
    }

    @Test func typeAQuerySeeResultsClickAFacet() throws {
        let seed = try SeedIndex()
        defer { seed.directory.remove() }
        let server = try RunningServer(index: seed.path)
        defer { server.stop() }
        let browser = try HeadlessChromium()
        defer { browser.close() }
        try browser.viewport(width: 1200, height: 900, mobile: false)
        try browser.navigate(server.baseURL)
        #expect(try browser.evaluate("document.title") as? String == "TalkSearch")

        // Type a query and submit the form, as a user would.
        try browser.evaluate("document.getElementById('q').value = 'learning OR robustness'; document.getElementById('form').requestSubmit(); true")
        try browser.waitFor("document.querySelectorAll('#results li').length > 0")
        let status = try browser.evaluate("document.getElementById('status').textContent") as? String ?? ""
        #expect(status.hasPrefix("5 talks match"), "\(status)")
        #expect(try browser.evaluate("document.querySelectorAll('#results li').length") as? Int == 5)
        let marks = try browser.evaluate("document.querySelectorAll('#results mark').length") as? Int ?? 0
        #expect(marks > 0, "matched words are marked")
        #expect(try browser.evaluate("location.search") as? String == "?q=learning+OR+robustness")
        try FileManager.default.createDirectory(at: Self.artifacts, withIntermediateDirectories: true)
        try browser.screenshot().write(to: Self.artifacts.appendingPathComponent("search-page-desktop.png"))

        // Click the speaker facet "Fawzi, A": one talk is left, and the filter shows as a chip.
        try browser.evaluate("[...document.querySelectorAll('#facets a[data-field=speaker]')].find(a => a.dataset.value === 'Fawzi, A').click(); true")
        try browser.waitFor("document.querySelectorAll('#results li').length === 1")
        let title = try browser.evaluate("document.querySelector('#results li .title').textContent") as? String ?? ""
        #expect(title.contains("Robustness and Geometry of Deep Neural Networks"), "\(title)")
        let chips = try browser.evaluate("document.getElementById('chips').textContent") as? String ?? ""
        #expect(chips.contains("speaker: Fawzi, A"), "\(chips)")

        #expect(try browser.evaluate("document.getElementById('status').textContent.startsWith('1 talk matches')") as? Bool == true)
        #expect(try browser.evaluate("document.getElementById('pages').offsetParent === null") as? Bool == true, "one page: no pager")

        try browser.viewport(width: 390, height: 844, mobile: true)
        // On a phone the results come before the facets.
        #expect(try browser.evaluate("document.querySelector('#results').getBoundingClientRect().top < document.querySelector('#facets').getBoundingClientRect().top") as? Bool == true)
        let phone = try browser.screenshot()
        #expect(phone.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a PNG")
        try phone.write(to: Self.artifacts.appendingPathComponent("search-page-phone.png"))
    }
}
