import Testing
@testable import TalkCatalog

@Suite struct ISODateTests {
    @Test(arguments: ["2019-05-23", "2020-02-29", "2000-02-29", "2023-05-11T19:00:00", "2023-05-11T19:00:00+02:00",
                      "2023-05-11T19:00Z", "2023-05-11T19:00:00.250-05:30"])
    func accepts(_ text: String) { #expect(ISODate.isValid(text)) }

    @Test(arguments: ["", "2019-5-23", "2019-13-01", "2019-00-10", "2019-04-31", "1900-02-29", "2019-05-23 10:00",
                      "2019-05-23T25:00", "2019-05-23T10", "2019-05-23T10:00+2", "2019/05/23", "２０１９-05-23"])
    func rejects(_ text: String) { #expect(!ISODate.isValid(text)) }
}
