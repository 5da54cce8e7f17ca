import Foundation

/// The projection of `points` on their first `components` principal axes (centered data times the
/// top eigenvectors of the covariance), row-major N × components.
///
/// Eigenvectors come from orthogonal iteration on the D × D covariance (V ← C V, Gram–Schmidt) until
/// the subspace stops moving. Signs follow scikit-learn's convention (`svd_flip` on the components):
/// the entry of largest magnitude of each axis is positive, so our PCA start matches its orientation.
func tsnePrincipalComponents(_ points: TSNEPoints, components: Int) -> [Double] {
    let d = points.dimension
    let mean = columnMeans(points)
    let c = scatterMatrix(points, mean: mean)
    let m = min(components, d)
    var v = topEigenvectors(c, dimension: d, count: m)
    for j in 0..<m {
        var largest = 0.0
        for k in 0..<d where abs(v[j * d + k]) > abs(largest) { largest = v[j * d + k] }
        if largest < 0 { for k in 0..<d { v[j * d + k] = -v[j * d + k] } }
    }
    let n = points.count, x = points.values
    var projection = [Double](repeating: 0, count: n * components)
    for i in 0..<n {
        for j in 0..<m {
            var sum = 0.0
            for k in 0..<d { sum += (x[i * d + k] - mean[k]) * v[j * d + k] }
            projection[i * components + j] = sum
        }
    }
    return projection
}

/// The mean of each of the D coordinates over the N points.
private func columnMeans(_ points: TSNEPoints) -> [Double] {
    let n = points.count, d = points.dimension, x = points.values
    var mean = [Double](repeating: 0, count: d)
    for i in 0..<n { for k in 0..<d { mean[k] += x[i * d + k] } }
    for k in 0..<d { mean[k] /= Double(max(n, 1)) }
    return mean
}

/// The covariance up to the 1/N factor (which does not change eigenvectors): C = Xcᵀ Xc, D × D,
/// row-major, Xc the centered points.
private func scatterMatrix(_ points: TSNEPoints, mean: [Double]) -> [Double] {
    let n = points.count, d = points.dimension, x = points.values
    var c = [Double](repeating: 0, count: d * d)
    var centered = [Double](repeating: 0, count: d)
    for i in 0..<n {
        for k in 0..<d { centered[k] = x[i * d + k] - mean[k] }
        for a in 0..<d {
            let va = centered[a]
            if va == 0 { continue }
            for b in a..<d { c[a * d + b] += va * centered[b] }
        }
    }
    for a in 0..<d { for b in 0..<a { c[a * d + b] = c[b * d + a] } }
    return c
}

/// The top `m` eigenvectors of the symmetric D × D matrix `c` by orthogonal iteration (V ← C V,
/// Gram–Schmidt) from a seeded start, until the subspace stops moving; column-major, axis j at
/// `[j*d ..< (j+1)*d]`.
private func topEigenvectors(_ c: [Double], dimension d: Int, count m: Int) -> [Double] {
    let random = RandomGenerator(seed: 0x5EED, algorithm: .splitMix64)
    var v = (0..<(d * m)).map { _ in random.nextNormalDouble() }
    orthonormalize(&v, dimension: d, count: m)
    for _ in 0..<10_000 {
        var w = [Double](repeating: 0, count: d * m)
        for j in 0..<m {
            for a in 0..<d {
                var sum = 0.0
                for b in 0..<d { sum += c[a * d + b] * v[j * d + b] }
                w[j * d + a] = sum
            }
        }
        orthonormalize(&w, dimension: d, count: m)
        var change = 0.0
        for j in 0..<m {
            var dot = 0.0
            for k in 0..<d { dot += w[j * d + k] * v[j * d + k] }
            change = max(change, 1 - abs(dot))
        }
        v = w
        if change < 1e-15 { break }
    }
    return v
}

/// Gram–Schmidt on the `m` column-major vectors of length `d` in `v`, in order.
private func orthonormalize(_ v: inout [Double], dimension d: Int, count m: Int) {
    for j in 0..<m {
        for previous in 0..<j {
            var dot = 0.0
            for k in 0..<d { dot += v[j * d + k] * v[previous * d + k] }
            for k in 0..<d { v[j * d + k] -= dot * v[previous * d + k] }
        }
        var norm = 0.0
        for k in 0..<d { norm += v[j * d + k] * v[j * d + k] }
        norm = sqrt(norm)
        if norm > 0 { for k in 0..<d { v[j * d + k] /= norm } }
    }
}
