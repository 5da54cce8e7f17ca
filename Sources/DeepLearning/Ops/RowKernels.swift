/// Fused single-row loops behind softmax, logSoftmax and crossEntropy, on `SIMD8<Float>`.
///
/// Each function makes one pass over contiguous rows of `n` floats given by raw pointers (no array
/// bounds checks, no copy-on-write in the loop). The last `n mod 8` elements go through the same
/// vector code, loaded into a padded vector and stored back lane by lane.
///
/// The passes of the softmax family, with m the row maximum and s = Σⱼ e^{xⱼ − m}:
/// - `maximum`: m (one max per 8 floats);
/// - `sumOfExponentials`: s without storing anything (logSoftmax forward);
/// - `storeExponentials`: eⱼ = e^{xⱼ − m} stored, s returned (softmax, crossEntropy forward);
/// - then one pass that writes the result: `scale`, `subtract`, and the three backward passes.
///
/// A NaN is skipped by `maximum` but makes s NaN, so the whole row comes out NaN, as in PyTorch.
enum RowKernels {
    typealias Vector = SIMD8<Float>

    @inline(__always)
    static func load(_ p: UnsafePointer<Float>) -> Vector {
        UnsafeRawPointer(p).loadUnaligned(as: Vector.self)
    }

    @inline(__always)
    static func store(_ v: Vector, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: Vector.self)
    }

    /// The first `count` (< 8) floats at `p`, the other lanes set to `fill`.
    @inline(__always)
    static func loadPartial(_ p: UnsafePointer<Float>, count: Int, fill: Float) -> Vector {
        var v = Vector(repeating: fill)
        for lane in 0..<count { v[lane] = p[lane] }
        return v
    }

    /// Stores the first `count` (< 8) lanes of `v` at `p`.
    @inline(__always)
    static func storePartial(_ v: Vector, _ p: UnsafeMutablePointer<Float>, count: Int) {
        for lane in 0..<count { p[lane] = v[lane] }
    }

    /// The largest element of the row, NaN skipped; −∞ for an empty row.
    @inline(__always)
    static func maximum(_ x: UnsafePointer<Float>, _ n: Int) -> Float {
        var best = Vector(repeating: -.infinity)
        var j = 0
        while j + 8 <= n {
            let v = load(x + j)
            best = best.replacing(with: v, where: v .> best)  // maxps
            j += 8
        }
        if j < n {
            let v = loadPartial(x + j, count: n - j, fill: -.infinity)
            best = best.replacing(with: v, where: v .> best)
        }
        return best.max()
    }

    /// xⱼ += bⱼ in place, and the largest of the sums (NaN skipped; −∞ for an empty row): a bias added
    /// to scores in the same pass that looks for their maximum.
    @inline(__always)
    static func addThenMaximum(_ x: UnsafeMutablePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Float {
        var best = Vector(repeating: -.infinity)
        var j = 0
        while j + 8 <= n {
            let v = load(x + j) + load(b + j)
            store(v, x + j)
            best = best.replacing(with: v, where: v .> best)
            j += 8
        }
        if j < n {
            let v = loadPartial(x + j, count: n - j, fill: 0) + loadPartial(b + j, count: n - j, fill: 0)
            storePartial(v, x + j, count: n - j)
            let padded = v.replacing(with: -.infinity, where: SIMD8<Int32>(0, 1, 2, 3, 4, 5, 6, 7) .>= Int32(n - j))
            best = best.replacing(with: padded, where: padded .> best)
        }
        return best.max()
    }

    /// s = Σⱼ e^{xⱼ − shift} for a shift at least every xⱼ (the row's maximum, or a larger one): the
    /// terms go through `VectorMath.expForLogSumExp`. Nothing is stored.
    @inline(__always)
    static func sumOfExponentials(_ x: UnsafePointer<Float>, _ n: Int, shift: Float) -> Float {
        let m = Vector(repeating: shift)
        var total = Vector(repeating: 0)
        var j = 0
        while j + 8 <= n {
            total += VectorMath.expForLogSumExp(load(x + j) - m)
            j += 8
        }
        if j < n {
            // Padding lanes are −∞: their terms are below 1.7·10⁻³⁸ (see `expForLogSumExp`).
            total += VectorMath.expForLogSumExp(loadPartial(x + j, count: n - j, fill: -.infinity) - m)
        }
        return total.sum()
    }

    /// eⱼ = e^{xⱼ − shift} into `e` (which may be `x`); returns Σⱼ eⱼ.
    @inline(__always)
    static func storeExponentials(
        _ x: UnsafePointer<Float>, _ e: UnsafeMutablePointer<Float>, _ n: Int, shift: Float
    ) -> Float {
        let m = Vector(repeating: shift)
        var total = Vector(repeating: 0)
        var j = 0
        while j + 8 <= n {
            let ej = VectorMath.exp(load(x + j) - m)
            store(ej, e + j)
            total += ej
            j += 8
        }
        if j < n {
            let ej = VectorMath.exp(loadPartial(x + j, count: n - j, fill: -.infinity) - m)
            storePartial(ej, e + j, count: n - j)
            total += ej
        }
        return total.sum()
    }

    /// yⱼ = xⱼ · factor (`y` may be `x`).
    @inline(__always)
    static func scale(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int, by factor: Float) {
        let f = Vector(repeating: factor)
        var j = 0
        while j + 8 <= n {
            store(load(x + j) * f, y + j)
            j += 8
        }
        if j < n { storePartial(loadPartial(x + j, count: n - j, fill: 0) * f, y + j, count: n - j) }
    }

    /// yⱼ = xⱼ − amount (`y` may be `x`).
    @inline(__always)
    static func subtract(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int, _ amount: Float) {
        let a = Vector(repeating: amount)
        var j = 0
        while j + 8 <= n {
            store(load(x + j) - a, y + j)
            j += 8
        }
        if j < n { storePartial(loadPartial(x + j, count: n - j, fill: 0) - a, y + j, count: n - j) }
    }

    /// Σⱼ xⱼ.
    @inline(__always)
    static func sum(_ x: UnsafePointer<Float>, _ n: Int) -> Float {
        var total = Vector(repeating: 0)
        var j = 0
        while j + 8 <= n {
            total += load(x + j)
            j += 8
        }
        if j < n { total += loadPartial(x + j, count: n - j, fill: 0) }
        return total.sum()
    }

    /// Σⱼ aⱼ·bⱼ.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Float {
        var total = Vector(repeating: 0)
        var j = 0
        while j + 8 <= n {
            total += load(a + j) * load(b + j)
            j += 8
        }
        if j < n { total += loadPartial(a + j, count: n - j, fill: 0) * loadPartial(b + j, count: n - j, fill: 0) }
        return total.sum()
    }

    /// Softmax backward for one row: outⱼ = yⱼ·(gⱼ − d) with d = Σₖ gₖyₖ passed in.
    @inline(__always)
    static func softmaxBackward(
        _ g: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, _ n: Int,
        dot d: Float
    ) {
        let dv = Vector(repeating: d)
        var j = 0
        while j + 8 <= n {
            store(load(y + j) * (load(g + j) - dv), out + j)
            j += 8
        }
        if j < n {
            let yv = loadPartial(y + j, count: n - j, fill: 0), gv = loadPartial(g + j, count: n - j, fill: 0)
            storePartial(yv * (gv - dv), out + j, count: n - j)
        }
    }

    /// logSoftmax backward for one row: outⱼ = gⱼ − e^{yⱼ}·t with t = Σₖ gₖ passed in.
    @inline(__always)
    static func logSoftmaxBackward(
        _ g: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, _ n: Int,
        gradientSum t: Float
    ) {
        let tv = Vector(repeating: t)
        var j = 0
        while j + 8 <= n {
            store(load(g + j) - VectorMath.exp(load(y + j)) * tv, out + j)
            j += 8
        }
        if j < n {
            let yv = loadPartial(y + j, count: n - j, fill: 0), gv = loadPartial(g + j, count: n - j, fill: 0)
            storePartial(gv - VectorMath.exp(yv) * tv, out + j, count: n - j)
        }
    }
}
