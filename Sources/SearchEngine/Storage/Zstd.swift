import CZstd

/// Zstandard (RFC 8878) through the system libzstd: the column texts' frames (docs/FORMAT.md,
/// section 6). One frame per call, its content size written in the frame header, so a reader knows
/// how much to allocate before it decompresses and can refuse a frame that claims more than it holds.
enum Zstd {
    /// Compresses `bytes` as one frame with its content size. Level 1: pyvideo's talks in frames of
    /// 8 KiB came to 39.4% of their bytes at level 1 and 39.0% at level 3, which took 1.7 times as
    /// long (measured with the zstd library's Python binding).
    final class Compressor {
        private let context: OpaquePointer
        let level: Int32

        init(level: Int32 = 1) {
            guard let context = ZSTD_createCCtx() else { fatalError("ZSTD_createCCtx: out of memory") }
            self.context = context
            self.level = level
        }

        deinit { ZSTD_freeCCtx(context) }

        func compress(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
            let bound = ZSTD_compressBound(bytes.count)
            return [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
                let written = ZSTD_compressCCtx(context, buffer.baseAddress, bound, bytes.baseAddress, bytes.count, level)
                // Compressing into a buffer of ZSTD_compressBound bytes cannot fail but for memory.
                precondition(ZSTD_isError(written) == 0, "ZSTD_compressCCtx: \(String(cString: ZSTD_getErrorName(written)))")
                count = written
            }
        }
    }

    /// Why a frame would not decompress.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The content of `frame`, which must be exactly one frame with its content size, at most
    /// `limit` bytes of content.
    static func decompress(_ frame: UnsafeRawBufferPointer, limit: Int) throws(Failure) -> [UInt8] {
        let declared = ZSTD_getFrameContentSize(frame.baseAddress, frame.count)
        // ZSTD_CONTENTSIZE_UNKNOWN and ZSTD_CONTENTSIZE_ERROR are (0ULL - 1) and (0ULL - 2).
        guard declared < UInt64.max - 1 else { throw Failure(description: "not a frame with its content size") }
        guard declared <= UInt64(limit) else { throw Failure(description: "the frame claims \(declared) bytes, more than \(limit)") }
        let compressedSize = ZSTD_findFrameCompressedSize(frame.baseAddress, frame.count)
        guard ZSTD_isError(compressedSize) == 0, compressedSize == frame.count else {
            throw Failure(description: "the frame does not end where its entry says")
        }
        let size = Int(declared)
        var failure: Failure?
        let content = [UInt8](unsafeUninitializedCapacity: max(size, 1)) { buffer, count in
            let written = ZSTD_decompress(buffer.baseAddress, size, frame.baseAddress, frame.count)
            if ZSTD_isError(written) != 0 {
                failure = Failure(description: String(cString: ZSTD_getErrorName(written)))
            } else if written != size {
                failure = Failure(description: "\(written) bytes where the frame declares \(size)")
            } else {
                count = written
            }
        }
        if let failure { throw failure }
        return content
    }
}
