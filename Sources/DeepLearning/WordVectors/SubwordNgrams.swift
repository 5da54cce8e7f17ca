/// fastText's character n-grams (Bojanowski et al., 2017): the word is wrapped in `<` and `>`, and
/// every run of `minLength`…`maxLength` characters of the wrapped word is an n-gram, hashed into one
/// of a fixed number of buckets. Characters are UTF-8 sequences, never split; the one-character
/// n-grams `<` and `>` are left out.
public enum SubwordNgrams {
    /// The n-grams of `word`, in fastText's order: by start position, shorter first.
    ///
    /// "where" with lengths 3…6 gives `<wh`, `<whe`, `<wher`, `<where`, `whe`, `wher`, `where`,
    /// `where>`, `her`, `here`, `here>`, `ere`, `ere>`, `re>` (the wrapped word `<where>` has 7
    /// characters, one more than the longest n-gram, so it is not among them).
    public static func ngrams(of word: String, minLength: Int, maxLength: Int) -> [[UInt8]] {
        let wrapped = Array("<\(word)>".utf8)
        var result: [[UInt8]] = []
        for start in wrapped.indices where !isContinuation(wrapped[start]) {
            var end = start, length = 0
            while end < wrapped.count && length < maxLength {
                end += 1
                while end < wrapped.count && isContinuation(wrapped[end]) { end += 1 }
                length += 1
                let isLoneBracket = length == 1 && (start == 0 || end == wrapped.count)
                if length >= minLength && !isLoneBracket { result.append(Array(wrapped[start..<end])) }
            }
        }
        return result
    }

    /// fastText's hash: 32-bit FNV-1a over the bytes, each byte sign-extended first (fastText reads
    /// them as `int8_t`), so n-grams with non-ASCII characters land where fastText puts them.
    public static func hash(_ bytes: [UInt8]) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        for byte in bytes {
            h ^= UInt32(bitPattern: Int32(Int8(bitPattern: byte)))
            h = h &* 16_777_619
        }
        return h
    }

    /// A byte that continues a UTF-8 sequence (10xxxxxx).
    private static func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }
}
