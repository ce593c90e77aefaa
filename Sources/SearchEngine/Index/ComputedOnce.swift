import Foundation

/// A value made on first use and kept (a section decoded whole, a merge of segments), readable from
/// any thread. Two threads asking at once may both make it; the value kept is one of theirs, and each
/// gets an equal value. A failure is not kept: the next use tries again.
final class ComputedOnce<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value?

    init() {}

    func get<Failure: Error>(_ make: () throws(Failure) -> Value) throws(Failure) -> Value {
        lock.lock()
        let kept = value
        lock.unlock()
        if let kept { return kept }
        let made = try make()
        lock.lock()
        value = made
        lock.unlock()
        return made
    }
}

/// Values made on first use per key and kept (each stored union's block bests), readable from any
/// thread; as ``ComputedOnce``, two threads asking at once may both make one, and a failure is not
/// kept. Holds at most one value per key the caller uses: bounded by the keys, not by the queries.
final class ComputedPerKey<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Key: Value] = [:]

    init() {}

    func get<Failure: Error>(_ key: Key, _ make: () throws(Failure) -> Value) throws(Failure) -> Value {
        lock.lock()
        let kept = values[key]
        lock.unlock()
        if let kept { return kept }
        let made = try make()
        lock.lock()
        values[key] = made
        lock.unlock()
        return made
    }
}
