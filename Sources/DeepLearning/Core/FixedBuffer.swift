/// A fixed-size buffer of plain values owned by a class: saved forward values live exactly as long
/// as the backward closure that needs them, pointers stay stable, hot loops pay no copy-on-write
/// checks, and the chunks of a `Parallel.forEachChunk` loop can write it at disjoint indices.
final class FixedBuffer<Element: BitwiseCopyable>: @unchecked Sendable {
    /// The first element; valid for `count` elements while the buffer lives.
    let pointer: UnsafeMutablePointer<Element>
    /// How many elements it holds.
    let count: Int

    /// A buffer whose elements are not set: every one must be written before it is read.
    init(uninitializedCount count: Int) {
        self.count = count
        pointer = .allocate(capacity: Swift.max(count, 1))
    }

    /// A buffer of `count` copies of `value`.
    init(repeating value: Element, count: Int) {
        self.count = count
        pointer = .allocate(capacity: Swift.max(count, 1))
        pointer.initialize(repeating: value, count: count)
    }

    /// A buffer holding a copy of `values`.
    init(copying values: [Element]) {
        count = values.count
        pointer = .allocate(capacity: Swift.max(count, 1))
        values.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { pointer.initialize(from: base, count: count) }
        }
    }

    deinit { pointer.deallocate() }

    subscript(index: Int) -> Element {
        get { pointer[index] }
        set { pointer[index] = newValue }
    }

    /// The contents as an array.
    var array: [Element] { Array(UnsafeBufferPointer(start: pointer, count: count)) }
}
