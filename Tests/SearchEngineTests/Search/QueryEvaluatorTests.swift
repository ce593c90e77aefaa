import Testing
import TalkCatalog
import TestSupport
@testable import SearchEngine

/// The evaluator's shortcuts (TERM leaves read as counts, ``BareTermQuery``, n(P) counted in the walk,
/// phrases decoded per candidate) give exactly what the plain walk over decoded positions gives: the
/// same matches in the same order, the same bm25 bits and the same per-phrase frequencies.
@Suite struct QueryEvaluatorTests {
    static let index: InvertedIndex = {
        var builder = try! IndexBuilder(schema: SegmentSetTests.schema, tokenizer: .porter, keywordFields: SegmentSetTests.keywordFields)
        for document in SegmentSetTests.documents(seed: 11) { builder.add(document) }
        return builder.build()
    }()

    static let fixed = [
        "deep", "deep OR python", "deep python", "deep NOT python", "deep OR python OR graph OR kernel",
        "deep python graph", "dee* OR py*", "title: deep OR description: \"python data\"", "\"deep learning\" OR \"data graph\"",
        "\"deep learning\"", "description: \"model random\"", "^deep OR python", "NEAR(deep python, 2) OR graph",
        "(deep OR python) NOT graph", "deep AND (python OR graph)", "title: deep", "deep OR deep",
        // ORs of one-phrase leaves, answered leaf by leaf: `^`, prefixes in phrases, one-phrase NEAR,
        // column sets, a phrase twice, a term beside phrases.
        "^deep", "^\"deep learning\"", "\"dee* lea*\"", "NEAR(\"deep learning\")", "NEAR(\"deep learning\", 1) OR python",
        "title: \"deep learning\" OR description: deep", "\"deep learning\" OR \"deep learning\"", "{title description}: \"python data\" OR ^model",
        "\"python data\" OR deep OR description: graph", "\"learning deep\" OR \"graph kernel model\"", "py* OR \"data graph\"",
        // A lone NEAR of terms, scanned without the walk: every distance from adjacent (0) up, three
        // terms, a prefix, a term twice.
        "NEAR(deep python)", "NEAR(deep python, 0)", "NEAR(python deep, 1)", "NEAR(deep python, 2)", "NEAR(data graph, 3)",
        "NEAR(deep python graph, 3)", "NEAR(dee* python, 2)", "NEAR(deep deep, 1)", "NEAR(model kernel, 40)",
    ]

    static func queries() -> [String] {
        var generator = QueryGenerator(seed: 23, common: Array(SegmentSetTests.words.prefix(8)), rare: Array(SegmentSetTests.words.suffix(12)),
                                       columns: SegmentSetTests.schema.names)
        return fixed + (0..<300).map { _ in generator.valid() }
    }

    typealias Trace = [(ordinal: Int32, bm25: UInt64, frequencies: [UInt64])]

    static func trace(_ parsed: ParsedQuery, weights: ColumnWeights, shortcuts: Bool) throws -> Trace {
        var evaluator = QueryEvaluator(index: index, query: parsed)
        evaluator.usesShortcuts = shortcuts
        var trace: Trace = []
        let matches = try evaluator.run(weights: weights) { match, frequencies, _ in
            trace.append((match.ordinal, match.bm25.bitPattern, frequencies.map(\.bitPattern)))
        }
        #expect(matches.map(\.ordinal) == trace.map(\.ordinal))
        #expect(matches.map(\.bm25.bitPattern) == trace.map(\.bm25))
        return trace
    }

    @Test(arguments: [ColumnWeights.uniform, ColumnWeights([0.1, 0.1, 0.1]), ColumnWeights([3, 1, 0.5])])
    func shortcutsGiveThePlainWalksAnswers(weights: ColumnWeights) throws {
        let backend = try EngineBackend(index: Self.index)
        var compared = 0
        for query in Self.queries() {
            guard let parsed = try? backend.parse(query) else { continue }
            let fast = try Self.trace(parsed, weights: weights, shortcuts: true)
            let plain = try Self.trace(parsed, weights: weights, shortcuts: false)
            #expect(fast.map(\.ordinal) == plain.map(\.ordinal), "\(query)")
            #expect(fast.map(\.bm25) == plain.map(\.bm25), "\(query)")
            #expect(fast.map(\.frequencies) == plain.map(\.frequencies), "\(query)")
            compared += 1
        }
        #expect(compared > 250)
    }

    /// The bounded top-k of bare-term queries, and of ORs of one-phrase leaves at weight 1, keeps
    /// exactly the walk's best (ties by ordinal) and counts every match; other queries (and weights
    /// that are unequal or negative) are left to the walk.
    @Test(arguments: [1, 3, 10, 1000])
    func bestMatchesAreTheWalksBest(limit: Int) throws {
        let backend = try EngineBackend(index: Self.index)
        var answered = 0
        let queries = Self.queries() + ["deep OR python OR graph OR kernel OR data OR model", "dat* OR mod*", "learn* NOT deep", "d*", "p*", "m*"]
        // A bare prefix of many terms is answered from its counts over the ordinals (bestOfDensePrefix).
        #expect(try Self.index.denseCounts(forPrefix: Array("m".utf8)) != nil, "model, matrix, markov")
        for query in queries {
            guard let parsed = try? backend.parse(query) else { continue }
            for weights in [ColumnWeights.uniform, ColumnWeights([0.1, 0.1, 0.1]), ColumnWeights([0, 0, 0]), ColumnWeights([2, 1, 1]),
                            ColumnWeights([-1, -1, -1])] {
                let evaluator = QueryEvaluator(index: Self.index, query: parsed)
                let all = try evaluator.run(weights: weights)
                guard let (count, best) = try evaluator.bestMatches(weights: weights, limit: limit) else {
                    #expect(BareTermQuery.shape(of: parsed.root, phrases: parsed.phrases) == nil || weights.values.first != weights.values.last
                            || weights.values.first! < 0, "\(query)")
                    #expect(QueryEvaluator.singlePhraseLeaves(of: parsed.root) == nil || weights != .uniform, "\(query)")
                    continue
                }
                let expected = TopK.select(all.map { RankedDocument(ordinal: Int64($0.ordinal), bm25: $0.bm25) }, limit: limit)
                #expect(count == all.count, "\(query)")
                #expect(best.map { Int64($0.ordinal) } == expected.map(\.ordinal), "\(query) \(weights.values)")
                #expect(best.map(\.bm25.bitPattern) == expected.map(\.bm25.bitPattern), "\(query)")
                answered += 1
            }
        }
        #expect(answered > 30)
    }

    /// Three documents of every length from 1 to 40 with one to three occurrences, in scrambled order: the
    /// length cutoffs of one term, a term NOT a term, an OR and an AND land exactly on documents'
    /// lengths, so a cutoff one too short (a document at it entering would be skipped) changes the best.
    static let lengths: InvertedIndex = {
        var builder = try! IndexBuilder(schema: ColumnSchema(names: ["title", "body"]), tokenizer: .unicode61)
        var random = SeededRandom(seed: 41)
        var shapes: [(Int, Int, String)] = []
        for length in 1...40 {
            for count in 1...3 where count <= length {
                for word in ["alpha", "beta"] { shapes += Array(repeating: (length, count, word), count: 3) }
            }
        }
        // And both words together, one or two of each, with a filler of their own.
        var pairs: [(Int, Int, Int)] = []
        for length in 2...40 {
            for alphas in 1...2 {
                for betas in 1...2 where alphas + betas <= length { pairs += Array(repeating: (length, alphas, betas), count: 3) }
            }
        }
        var texts: [[String]] = shapes.map { length, count, word in
            Array(repeating: word, count: count) + (0..<(length - count)).map { _ in ["x", "y", "gamma"][Int(random.next() % 3)] }
        }
        texts += pairs.map { length, alphas, betas in
            Array(repeating: "alpha", count: alphas) + Array(repeating: "beta", count: betas) + Array(repeating: "z", count: length - alphas - betas)
        }
        texts.shuffle(using: &random)
        for (number, text) in texts.enumerated() {
            let length = text.count
            let words = text.shuffled(using: &random)
            builder.add(IndexedDocument(id: "d\(number)", columns: [words.prefix(length / 2).joined(separator: " "),
                                                                     words.dropFirst(length / 2).joined(separator: " ")]))
        }
        return builder.build()
    }()

    @Test(arguments: [1, 2, 3, 4, 5, 7, 10, 17, 30, 60])
    func lengthCutoffsKeepDocumentsAtTheBoundary(limit: Int) throws {
        let backend = try EngineBackend(index: Self.lengths)
        for query in ["alpha", "beta", "alpha NOT gamma", "alpha NOT x", "alpha OR beta", "alpha OR gamma", "beta OR y OR alpha",
                      "alpha x", "gamma beta", "alpha x y", "x y gamma beta", "alpha beta", "beta z alpha", "alpha OR absent", "absent OR beta OR z",
                      // alpha and beta have the same shapes, so an OR's leaf passes tie across leaves at every step.
                      "beta OR alpha", "alpha OR beta OR gamma", "z OR beta OR alpha", "alpha OR x",
                      // ORs of one-phrase leaves (bestOfPhraseLeaves): column filters, `^`, phrases, with bare terms.
                      "title: alpha", "body: alpha OR title: beta", "\"alpha beta\"", "alpha OR title: beta", "^alpha",
                      "\"alpha alpha\" OR beta", "title: alpha OR body: beta OR \"beta z\" OR ^z"] {
            let parsed = try backend.parse(query)
            let evaluator = QueryEvaluator(index: Self.lengths, query: parsed)
            let all = try evaluator.run(weights: .uniform)
            let (count, best) = try #require(try evaluator.bestMatches(weights: .uniform, limit: limit))
            let expected = TopK.select(all.map { RankedDocument(ordinal: Int64($0.ordinal), bm25: $0.bm25) }, limit: limit)
            #expect(count == all.count, "\(query)")
            #expect(best.map { Int64($0.ordinal) } == expected.map(\.ordinal), "\(query) limit \(limit)")
        }
    }

    /// A prefix of four terms over documents of every length from 1 to 40 with one to three
    /// occurrences of one of them (three of each shape, scrambled), among `fillers` documents without
    /// any: its union is counted over the ordinals (``QueryEvaluator/bestOfDensePrefix(_:phrase:weight:limit:)``),
    /// dense with no fillers (every ordinal has a count: the 64-ordinal candidate masks) and sparse with
    /// many (the plain loop), and the cutoffs land on documents' lengths at every limit.
    static func prefixUnion(fillers: Int) -> InvertedIndex {
        var builder = try! IndexBuilder(schema: ColumnSchema(names: ["title", "body"]), tokenizer: .unicode61)
        var random = SeededRandom(seed: 43)
        var texts: [[String]] = []
        for length in 1...40 {
            for count in 1...3 where count <= length {
                for _ in 0..<3 {
                    let word = ["pa", "pb", "pc", "pd"][Int(random.next() % 4)]
                    texts.append(Array(repeating: word, count: count) + Array(repeating: "x", count: length - count))
                }
            }
        }
        texts += (0..<fillers).map { number in Array(repeating: "y", count: 1 + number % 7) }
        texts.shuffle(using: &random)
        for (number, text) in texts.enumerated() {
            builder.add(IndexedDocument(id: "d\(number)", columns: [text.prefix(text.count / 2).joined(separator: " "),
                                                                     text.dropFirst(text.count / 2).joined(separator: " ")]))
        }
        return builder.build()
    }

    @Test(arguments: [0, 2000])
    func aCountedPrefixKeepsDocumentsAtTheBoundary(fillers: Int) throws {
        let index = Self.prefixUnion(fillers: fillers)
        let (_, documents) = try #require(try index.denseCounts(forPrefix: Array("p".utf8)))
        #expect(fillers == 0 ? documents == index.documentCount : documents * 4 < index.documentCount)
        let parsed = try EngineBackend(index: index).parse("p*")
        let evaluator = QueryEvaluator(index: index, query: parsed)
        let all = try evaluator.run(weights: .uniform)
        for limit in [1, 2, 3, 5, 10, 17, 30, 60, 400] {
            let (count, best) = try #require(try evaluator.bestMatches(weights: .uniform, limit: limit))
            let expected = TopK.select(all.map { RankedDocument(ordinal: Int64($0.ordinal), bm25: $0.bm25) }, limit: limit)
            #expect(count == all.count && count == documents)
            #expect(best.map { Int64($0.ordinal) } == expected.map(\.ordinal), "limit \(limit)")
            #expect(best.map(\.bm25.bitPattern) == expected.map(\.bm25.bitPattern), "limit \(limit)")
        }
    }

    /// An AND of two terms looks the shorter list's documents up in the longer by stepping through
    /// it (at most 32 times as long) or by galloping (longer): both give the walk's matches and best.
    @Test func anAndOfTwoStepsOrGallopsToTheSameBest() throws {
        var builder = try IndexBuilder(schema: ColumnSchema(names: ["title", "body"]), tokenizer: .unicode61)
        var random = SeededRandom(seed: 47)
        for number in 0..<3000 {
            var words = Array(repeating: "common", count: 1 + Int(random.next() % 3)) + Array(repeating: "x", count: Int(random.next() % 30))
            if number % 2 == 0 { words += Array(repeating: "half", count: 1 + Int(random.next() % 2)) }
            if number % 97 == 5 { words += Array(repeating: "rare", count: 1 + Int(random.next() % 2)) }
            words.shuffle(using: &random)
            builder.add(IndexedDocument(id: "d\(number)", columns: [words.prefix(4).joined(separator: " "), words.dropFirst(4).joined(separator: " ")]))
        }
        let index = builder.build()
        let backend = try EngineBackend(index: index)
        for query in ["common half", "half common", "rare common", "common rare", "rare half"] {
            let evaluator = QueryEvaluator(index: index, query: try backend.parse(query))
            let all = try evaluator.run(weights: .uniform)
            for limit in [1, 3, 10, 40] {
                let (count, best) = try #require(try evaluator.bestMatches(weights: .uniform, limit: limit))
                let expected = TopK.select(all.map { RankedDocument(ordinal: Int64($0.ordinal), bm25: $0.bm25) }, limit: limit)
                #expect(count == all.count, "\(query)")
                #expect(best.map { Int64($0.ordinal) } == expected.map(\.ordinal), "\(query) limit \(limit)")
                #expect(best.map(\.bm25.bitPattern) == expected.map(\.bm25.bitPattern), "\(query) limit \(limit)")
            }
        }
    }

    /// An OR's leaves are walked one after another, so a document can tie the worst kept from a lower
    /// ordinal. Both terms in half the documents or more (IDF floor 1e-6, equal), alpha's list the
    /// shorter: alpha's pass keeps document 3 (length 2); beta's then rejects document 1 (length 5)
    /// and must still score document 2, whose length 2 ties document 3 and whose lower ordinal wins.
    /// A cutoff refined without ties after document 1 would pass over it.
    @Test func anOrsLeafPassKeepsATieFromALowerOrdinal() throws {
        var builder = try IndexBuilder(schema: ColumnSchema(names: ["title", "body"]), tokenizer: .unicode61)
        func filler(_ count: Int) -> [String] { Array(repeating: "x", count: count) }
        let texts = [["beta"] + filler(4), ["beta"] + filler(1), ["alpha"] + filler(1), ["alpha"] + filler(4),
                     ["alpha", "beta"] + filler(48), ["beta"] + filler(8), ["beta"] + filler(8), ["alpha"] + filler(8)]
        for (number, text) in texts.enumerated() {
            builder.add(IndexedDocument(id: "d\(number + 1)", columns: [text.joined(separator: " "), ""]))
        }
        let index = builder.build()
        let parsed = try EngineBackend(index: index).parse("alpha OR beta")
        let evaluator = QueryEvaluator(index: index, query: parsed)
        let all = try evaluator.run(weights: .uniform)
        for limit in 1...3 {
            let (count, best) = try #require(try evaluator.bestMatches(weights: .uniform, limit: limit))
            let expected = TopK.select(all.map { RankedDocument(ordinal: Int64($0.ordinal), bm25: $0.bm25) }, limit: limit)
            #expect(count == 8)
            #expect(best.map { Int64($0.ordinal) } == expected.map(\.ordinal), "limit \(limit)")
        }
        #expect(try evaluator.bestMatches(weights: .uniform, limit: 1)?.best.map(\.ordinal) == [2])
    }

    /// The four bare-term shapes are recognised, and nothing else is.
    @Test func bareTermShapes() throws {
        let backend = try EngineBackend(index: Self.index)
        func shape(_ query: String) throws -> BareTermQuery.Shape? {
            let parsed = try backend.parse(query)
            var leaves: [LeafMatcher] = []
            _ = try MatchNode(parsed.root, phrases: parsed.phrases, postings: PostingCache(index: Self.index), countsOnly: true, leaves: &leaves)
            return BareTermQuery(parsed.root, phrases: parsed.phrases, leaves: leaves)?.shape
        }
        #expect(try shape("deep") == .single)
        #expect(try shape("deep OR python OR dat*") == .or)
        #expect(try shape("deep python") == .and)
        #expect(try shape("deep NOT python") == .not)
        for other in ["\"deep learning\"", "title: deep", "^deep", "deep OR \"data graph\"", "(deep OR python) NOT graph", "NEAR(deep python)"] {
            #expect(try shape(other) == nil, "\(other)")
        }
    }
}
