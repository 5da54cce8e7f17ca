/// The input of batch normalization viewed as (N, C, S), S the product of the sizes after C.
struct BatchNormLayout {
    /// N, C and S.
    let batch: Int, channels: Int, spatial: Int

    /// Reads (N, C, …) as (N, C, S).
    init(_ shape: [Int]) {
        batch = shape[0]
        channels = shape[1]
        spatial = shape.dropFirst(2).reduce(1, *)
    }

    /// m = N·S, the number of values each channel's statistics are taken over.
    var valuesPerChannel: Int { batch * spatial }
    /// N·C·S, the number of elements.
    var count: Int { batch * channels * spatial }
}

/// The per-channel loops of batch normalization over x laid out as (N, C, S).
///
/// For (N, C) (S = 1) channels are contiguous in memory, so the loops run 8 channels at a time on
/// `SIMD8<Float>`: with plain pointer loops the compiler cannot rule out that the sums alias the input
/// and keeps them scalar (measured: scalar load-add-store per element in the release build).
enum NormalizationKernels {
    typealias Vector = SIMD8<Float>

    @inline(__always)
    static func load(_ p: UnsafePointer<Float>) -> Vector { UnsafeRawPointer(p).loadUnaligned(as: Vector.self) }

    @inline(__always)
    static func store(_ v: Vector, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: Vector.self)
    }

    /// Calls `body(channels)` on disjoint channel ranges, in parallel when the work is large.
    @inline(__always)
    static func forEachChannelBlock(_ layout: BatchNormLayout, _ body: (Range<Int>) -> Void) {
        Parallel.forEachChunk(layout.channels, costPerItem: layout.count / Swift.max(layout.channels, 1), body)
    }

    /// Per-channel Σ over (n, s) of `value(i, c)`, with i = n·C·S + c·S + s the element's flat index, for
    /// c in `block`, added into `sums[c]`. For S = 1, `vector(i, c)` gives the 8 values of channels
    /// c..<c+8 at elements i..<i+8 (the same as `value` lane by lane).
    @inline(__always)
    static func channelSums(
        _ layout: BatchNormLayout, block: Range<Int>, into sums: UnsafeMutablePointer<Float>,
        vector: (Int, Int) -> Vector, _ value: (Int, Int) -> Float
    ) {
        let batch = layout.batch, channels = layout.channels, spatial = layout.spatial
        if spatial == 1 {
            // (N, C): a strip of 8 channels, down the rows, summed in a register.
            var c = block.lowerBound
            while c + 8 <= block.upperBound {
                var total = Vector()
                for n in 0..<batch { total += vector(n * channels + c, c) }
                store(load(sums + c) + total, sums + c)
                c += 8
            }
            for c in c..<block.upperBound {
                var total: Float = 0
                for n in 0..<batch { total += value(n * channels + c, c) }
                sums[c] += total
            }
        } else {
            for c in block {
                var total: Float = 0
                for n in 0..<batch {
                    let start = (n * channels + c) * spatial
                    for s in 0..<spatial { total += value(start + s, c) }
                }
                sums[c] += total
            }
        }
    }

    /// Per-channel Σ g and Σ g·(x − μ[c]) over (n, s), for c in `block`, added into `sumG[c]` and
    /// `sumGCentered[c]`: the two sums of the backward pass in one read of g and x.
    @inline(__always)
    static func gradientSums(
        _ layout: BatchNormLayout, block: Range<Int>,
        g: UnsafePointer<Float>, x: UnsafePointer<Float>, mean: UnsafePointer<Float>,
        sumG: UnsafeMutablePointer<Float>, sumGCentered: UnsafeMutablePointer<Float>
    ) {
        let batch = layout.batch, channels = layout.channels, spatial = layout.spatial
        if spatial == 1 {
            // (N, C): a strip of 8 channels, down the rows, both sums in registers.
            var c = block.lowerBound
            while c + 8 <= block.upperBound {
                let mu = load(mean + c)
                var totalG = Vector(), totalGCentered = Vector()
                for n in 0..<batch {
                    let i = n * channels + c
                    let gi = load(g + i)
                    totalG += gi
                    totalGCentered += gi * (load(x + i) - mu)
                }
                store(load(sumG + c) + totalG, sumG + c)
                store(load(sumGCentered + c) + totalGCentered, sumGCentered + c)
                c += 8
            }
            for c in c..<block.upperBound {
                var totalG: Float = 0, totalGCentered: Float = 0
                for n in 0..<batch {
                    let gi = g[n * channels + c]
                    totalG += gi
                    totalGCentered += gi * (x[n * channels + c] - mean[c])
                }
                sumG[c] += totalG
                sumGCentered[c] += totalGCentered
            }
        } else {
            for c in block {
                var totalG: Float = 0, totalGCentered: Float = 0
                let mu = mean[c]
                for n in 0..<batch {
                    let start = (n * channels + c) * spatial
                    for s in 0..<spatial {
                        let gi = g[start + s]
                        totalG += gi
                        totalGCentered += gi * (x[start + s] - mu)
                    }
                }
                sumG[c] += totalG
                sumGCentered[c] += totalGCentered
            }
        }
    }

    /// Calls `body(i, c)` for every element i whose channel c is in `block`. For S = 1, `vector(i, c)`
    /// handles the 8 elements i..<i+8 of channels c..<c+8 at once.
    @inline(__always)
    static func perElement(
        _ layout: BatchNormLayout, block: Range<Int>,
        vector: (Int, Int) -> Void, _ body: (Int, Int) -> Void
    ) {
        let batch = layout.batch, channels = layout.channels, spatial = layout.spatial
        if spatial == 1 {
            for n in 0..<batch {
                let row = n * channels
                var c = block.lowerBound
                while c + 8 <= block.upperBound {
                    vector(row + c, c)
                    c += 8
                }
                for c in c..<block.upperBound { body(row + c, c) }
            }
        } else {
            for n in 0..<batch {
                for c in block {
                    let start = (n * channels + c) * spatial
                    for s in 0..<spatial { body(start + s, c) }
                }
            }
        }
    }
}
