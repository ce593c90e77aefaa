/// Turns one JSON object into a ``Talk``, checking every field.
///
/// A field error is thrown as `(field, reason)`; the caller adds the file and line.
/// Accepted: the ten pyvideo fields plus `institution` and `slot`. Required: `id` and `title` (non-empty
/// strings). Optional fields may be missing or null: `speakers`/`tags` default to `[]`, `description`
/// and `event` to `""`. Any other key is an error, so a misspelt field never passes unnoticed.
struct TalkRecordDecoder {
    struct FieldError: Error {
        var field: String?
        var reason: String
    }

    static let knownFields: Set<String> = [
        "id", "title", "speakers", "description", "event", "recorded", "language", "tags", "duration", "url",
        "institution", "slot",
    ]

    static func decode(_ value: JSONValue) throws(FieldError) -> Talk {
        guard case .object(let object) = value else {
            throw FieldError(field: nil, reason: "expected a JSON object, got \(value.kindName)")
        }
        if let unknown = object.keys.filter({ !knownFields.contains($0) }).sorted().first {
            throw FieldError(field: unknown, reason: "unknown field (expected one of: \(knownFields.sorted().joined(separator: ", ")))")
        }
        let fields = FieldReader(object: object)
        let id = try fields.requiredString("id")
        let title = try fields.requiredString("title")
        var talk = Talk(id: id, title: title)
        talk.speakers = try fields.stringArray("speakers")
        talk.description = try fields.optionalString("description") ?? ""
        talk.event = try fields.optionalString("event") ?? ""
        talk.recorded = try fields.optionalString("recorded")
        if let recorded = talk.recorded, !ISODate.isValid(recorded) {
            throw FieldError(field: "recorded", reason: "expected \(ISODate.expectation), got \"\(recorded)\"")
        }
        talk.language = try fields.optionalString("language")
        talk.tags = try fields.stringArray("tags")
        talk.duration = try fields.optionalNumber("duration")
        if let duration = talk.duration, !(duration >= 0 && duration.isFinite) {
            throw FieldError(field: "duration", reason: "expected a number of seconds >= 0, got \(duration)")
        }
        talk.url = try fields.optionalString("url")
        talk.institution = try fields.optionalString("institution")
        talk.slot = try fields.optionalString("slot")
        return talk
    }
}

/// Typed access to the fields of one JSON object, with messages that name the field.
struct FieldReader {
    typealias FieldError = TalkRecordDecoder.FieldError
    var object: [String: JSONValue]

    func requiredString(_ name: String) throws(FieldError) -> String {
        guard let value = object[name], value != .null else { throw FieldError(field: name, reason: "missing") }
        guard case .string(let text) = value else {
            throw FieldError(field: name, reason: "expected a string, got \(value.kindName)")
        }
        guard !text.allSatisfy(\.isWhitespace) else { throw FieldError(field: name, reason: "must not be empty") }
        return text
    }

    func optionalString(_ name: String) throws(FieldError) -> String? {
        switch object[name] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        case let other?: throw FieldError(field: name, reason: "expected a string or null, got \(other.kindName)")
        }
    }

    func optionalNumber(_ name: String) throws(FieldError) -> Double? {
        switch object[name] {
        case nil, .null?: return nil
        case .number(let number)?: return number
        case let other?: throw FieldError(field: name, reason: "expected a number or null, got \(other.kindName)")
        }
    }

    func stringArray(_ name: String) throws(FieldError) -> [String] {
        switch object[name] {
        case nil, .null?: return []
        case .array(let items)?:
            var strings: [String] = []
            for (index, item) in items.enumerated() {
                guard case .string(let text) = item else {
                    throw FieldError(field: "\(name)[\(index)]", reason: "expected a string, got \(item.kindName)")
                }
                strings.append(text)
            }
            return strings
        case let other?: throw FieldError(field: name, reason: "expected an array of strings, got \(other.kindName)")
        }
    }
}

/// Validation of ISO 8601 dates: `YYYY-MM-DD` (a real calendar day, proleptic Gregorian), optionally
/// followed by a time `THH:MM[:SS[.fff]]` and a zone `Z` or `±HH:MM` (pyvideo has all three forms).
enum ISODate {
    static let expectation = "an ISO 8601 date YYYY-MM-DD, optionally with THH:MM:SS and a zone"

    static func isValid(_ text: String) -> Bool {
        let all = Array(text.utf8)
        guard all.count >= 10, isValidTime(all[10...]) else { return false }
        let bytes = Array(all[0..<10])
        guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return false }
        guard (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    /// `""`, or `T` + `HH:MM`, optional `:SS`, optional `.digits`, optional `Z` or `±HH:MM`.
    private static func isValidTime(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let first = bytes.first else { return true }
        guard first == UInt8(ascii: "T") else { return false }
        var rest = bytes.dropFirst()
        func twoDigits(max: Int) -> Bool {
            guard rest.count >= 2 else { return false }
            let pair = Array(rest.prefix(2))
            guard pair.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
            rest = rest.dropFirst(2)
            return Int(pair[0] - 0x30) * 10 + Int(pair[1] - 0x30) <= max
        }
        func take(_ ascii: Unicode.Scalar) -> Bool {
            guard rest.first == UInt8(ascii: ascii) else { return false }
            rest = rest.dropFirst()
            return true
        }
        guard twoDigits(max: 23), take(":"), twoDigits(max: 59) else { return false }
        if take(":") {
            guard twoDigits(max: 60) else { return false }
            if take(".") {
                let digits = rest.prefix { $0 >= 0x30 && $0 <= 0x39 }
                guard !digits.isEmpty else { return false }
                rest = rest.dropFirst(digits.count)
            }
        }
        if rest.isEmpty || (take("Z") && rest.isEmpty) { return true }
        guard take("+") || take("-") else { return false }
        return twoDigits(max: 23) && take(":") && twoDigits(max: 59) && rest.isEmpty
    }
}
