import Foundation

// Max, average and power-average (Lp) pooling, 1-D and 2-D, as PyTorch defines them (no dilation, no
// ceil mode). 1-D pooling is 2-D pooling with a height of 1, so both share the loops below.
//
// Notation: x (…, H, W) is a stack of `planes` = product of the leading sizes, each H×W;
//   window (oh, ow) covers rows oh·sH − pH + i and columns ow·sW − pW + j, 0 ≤ i < kH, 0 ≤ j < kW;
//   Ho = (H + 2·pH − kH) / sH + 1, Wo likewise; k = kH·kW.
//
//   max:  y = max over the window (padding never wins)      ∂x[argmax] += g    (first maximum on ties)
//   avg:  y = Σ window / k (padding counts as zeros)        ∂x[each]   += g / k
//   Lp:   t = (Σ window x^p / k)·k,  y = t^(1/p)            ∂x[each]   += g · y / t · x^(p−1)
//         PyTorch computes Lp as `(sign(a)·relu(|a|)·k)^(1/p)` with a = avg_pool(x^p): the sum is not
//         averaged, and a negative sum (odd p) gives NaN, as `pow` of a negative base does.

/// A shape problem in a pooling's arguments; the description names the shapes involved.
public enum PoolingError: Error, CustomStringConvertible, Equatable {
    /// The input does not have the rank the operation needs.
    case inputRank(operation: String, input: [Int], expected: String)
    /// A kernel size or stride below 1, or a negative padding.
    case invalidGeometry(operation: String, detail: String)
    /// Padding larger than half the kernel (PyTorch refuses it too).
    case paddingTooLarge(operation: String, kernelSize: [Int], padding: [Int])
    /// The window does not fit in the padded input.
    case kernelTooLarge(operation: String, input: [Int], kernelSize: [Int], padding: [Int])

    /// What is wrong, naming the sizes.
    public var description: String {
        switch self {
        case let .inputRank(operation, input, expected):
            return "\(operation): input of shape \(input) must be \(expected)"
        case let .invalidGeometry(operation, detail):
            return "\(operation): \(detail)"
        case let .paddingTooLarge(operation, kernelSize, padding):
            return "\(operation): padding \(padding) must be at most half of kernel size \(kernelSize)"
        case let .kernelTooLarge(operation, input, kernelSize, padding):
            return "\(operation): kernel size \(kernelSize) does not fit in input of shape \(input) with padding \(padding)"
        }
    }
}

/// The sizes of one pooling; the 1-D case has `height == kernelHeight == 1`.
struct PoolingGeometry: Equatable {
    var planes: Int, height: Int, width: Int
    var kernelHeight: Int, kernelWidth: Int
    var strideHeight: Int, strideWidth: Int, paddingHeight: Int, paddingWidth: Int

    var outHeight: Int { (height + 2 * paddingHeight - kernelHeight) / strideHeight + 1 }
    var outWidth: Int { (width + 2 * paddingWidth - kernelWidth) / strideWidth + 1 }
    /// The output shape: the input's leading sizes, then Ho, Wo (or only Wo for 1-D).
    func outputShape(input: [Int], rank: Int) -> [Int] {
        Array(input.dropLast(rank)) + (rank == 1 ? [outWidth] : [outHeight, outWidth])
    }

    /// Checks the arguments of a 1-D (`rank == 1`) or 2-D pooling and returns the geometry.
    /// Inputs are (N, C, L) or (C, L) for 1-D, (N, C, H, W) or (C, H, W) for 2-D.
    static func make(
        operation: String, rank: Int, input: [Int], kernelSize: (Int, Int), stride: (Int, Int),
        padding: (Int, Int)
    ) throws(PoolingError) -> PoolingGeometry {
        func describe(_ pair: (Int, Int)) -> [Int] { rank == 1 ? [pair.1] : [pair.0, pair.1] }
        guard input.count == rank + 1 || input.count == rank + 2 else {
            throw .inputRank(operation: operation, input: input, expected: rank == 1 ? "(N, C, L) or (C, L)" : "(N, C, H, W) or (C, H, W)")
        }
        guard kernelSize.0 >= 1, kernelSize.1 >= 1 else {
            throw .invalidGeometry(operation: operation, detail: "kernel size must be at least 1, got \(describe(kernelSize))")
        }
        guard stride.0 >= 1, stride.1 >= 1 else {
            throw .invalidGeometry(operation: operation, detail: "stride must be at least 1, got \(describe(stride))")
        }
        guard padding.0 >= 0, padding.1 >= 0 else {
            throw .invalidGeometry(operation: operation, detail: "padding must not be negative, got \(describe(padding))")
        }
        guard padding.0 <= kernelSize.0 / 2, padding.1 <= kernelSize.1 / 2 else {
            throw .paddingTooLarge(operation: operation, kernelSize: describe(kernelSize), padding: describe(padding))
        }
        let height = rank == 1 ? 1 : input[input.count - 2]
        let width = input[input.count - 1]
        guard height + 2 * padding.0 >= kernelSize.0, width + 2 * padding.1 >= kernelSize.1 else {
            throw .kernelTooLarge(operation: operation, input: input, kernelSize: describe(kernelSize), padding: describe(padding))
        }
        return PoolingGeometry(
            planes: input.dropLast(rank).reduce(1, *), height: height, width: width,
            kernelHeight: kernelSize.0, kernelWidth: kernelSize.1, strideHeight: stride.0, strideWidth: stride.1,
            paddingHeight: padding.0, paddingWidth: padding.1)
    }

    /// Calls `body(oh, ow, rows, columns)` for every window with the input rows and columns it covers
    /// inside the input (padding excluded).
    @inline(__always)
    func forEachWindow(_ body: (Int, Int, Range<Int>, Range<Int>) -> Void) {
        for oh in 0..<outHeight {
            let top = oh * strideHeight - paddingHeight
            let rows = Swift.max(top, 0)..<Swift.min(top + kernelHeight, height)
            for ow in 0..<outWidth {
                let left = ow * strideWidth - paddingWidth
                body(oh, ow, rows, Swift.max(left, 0)..<Swift.min(left + kernelWidth, width))
            }
        }
    }
}

/// The three pooling rules.
enum PoolingKind {
    case max, average, power(Float)
}

/// x^p with the exact products PyTorch uses for p = 1, 2, 3.
@inline(__always)
private func power(_ x: Float, _ p: Float) -> Float {
    switch p {
    case 1: return x
    case 2: return x * x
    case 3: return x * x * x
    default: return Foundation.pow(x, p)
    }
}

/// The shared pooling: forward values, and the backward that routes, spreads or weighs the gradient.
private func pooling(_ input: Tensor, _ g: PoolingGeometry, _ kind: PoolingKind, outputShape: [Int], name: String) -> Tensor {
    let x = input.scalars  // planes × (H, W)
    // For max pooling: the flat index (within its plane) of the chosen element of each window.
    let argmax = kind.isMax ? FixedBuffer<Int32>(repeating: 0, count: g.planes * g.outPlaneSize) : nil
    let y = poolingForward(x, g, kind, argmax: argmax)  // planes × (Ho, Wo)
    let inputShape = input.shape
    return Tensor.result(shape: outputShape, scalars: y, operation: name, inputs: [input]) { gradient in
        [Tensor(shape: inputShape, scalars: poolingBackward(gradient.scalars, x: x, y: y, g, kind, argmax: argmax))]
    }
}

extension PoolingGeometry {
    /// H·W, the elements of one input plane.
    var planeSize: Int { height * width }
    /// Ho·Wo, the windows of one plane.
    var outPlaneSize: Int { outHeight * outWidth }
    /// k = kH·kW, the divisor of average pooling (padding included).
    var windowSize: Float { Float(kernelHeight * kernelWidth) }
    /// The work of one plane, for `Parallel.forEachChunk`.
    var planeCost: Int { outPlaneSize * kernelHeight * kernelWidth }
}

/// Forward: y (planes × (Ho, Wo)) from x (planes × (H, W)), one window at a time; for max pooling,
/// also the index of each window's chosen element in `argmax`.
private func poolingForward(_ x: [Float], _ g: PoolingGeometry, _ kind: PoolingKind, argmax: FixedBuffer<Int32>?) -> [Float] {
    let outPlane = g.outPlaneSize, count = g.planes * outPlane, windowSize = g.windowSize
    return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
        x.withUnsafeBufferPointer { px in
            let out = buffer.baseAddress!, source = px.baseAddress!
            Parallel.forEachChunk(g.planes, costPerItem: g.planeCost) { planes in
                for plane in planes {
                    let xp = source + plane * g.planeSize, yp = out + plane * outPlane
                    g.forEachWindow { oh, ow, rows, columns in
                        let o = oh * g.outWidth + ow
                        switch kind {
                        case .max:
                            let (best, bestIndex) = windowMaximum(xp, rows, columns, width: g.width)
                            yp[o] = best
                            argmax![plane * outPlane + o] = Int32(bestIndex)
                        case .average:
                            yp[o] = windowSum(xp, rows, columns, width: g.width) { $0 } / windowSize
                        case .power(let p):
                            let sum = windowSum(xp, rows, columns, width: g.width) { power($0, p) }
                            // PyTorch: (sign(a)·relu(|a|)·k)^(1/p) with a = Σ/k.
                            let total = (sum / windowSize) * windowSize
                            yp[o] = p == 2 ? total.squareRoot() : Foundation.pow(total, 1 / p)
                        }
                    }
                }
            }
        }
        initialized = count
    }
}

/// The largest value of a window and its index in the plane: strictly greater keeps the first
/// maximum; NaN wins, as in PyTorch.
@inline(__always)
private func windowMaximum(_ xp: UnsafePointer<Float>, _ rows: Range<Int>, _ columns: Range<Int>, width: Int) -> (Float, Int) {
    var best = -Float.infinity, bestIndex = rows.lowerBound * width + columns.lowerBound
    for h in rows {
        for w in columns {
            let v = xp[h * width + w]
            if v > best || v.isNaN {
                best = v
                bestIndex = h * width + w
                if v.isNaN { break }
            }
        }
        if best.isNaN { break }
    }
    return (best, bestIndex)
}

/// Σ over a window of `term(x)`, row by row.
@inline(__always)
private func windowSum(
    _ xp: UnsafePointer<Float>, _ rows: Range<Int>, _ columns: Range<Int>, width: Int, _ term: (Float) -> Float
) -> Float {
    var sum: Float = 0
    for h in rows { for w in columns { sum += term(xp[h * width + w]) } }
    return sum
}

/// Backward: ∂x (planes × (H, W)) from g (planes × (Ho, Wo)). Planes write disjoint parts of ∂x.
private func poolingBackward(
    _ gy: [Float], x: [Float], y: [Float], _ g: PoolingGeometry, _ kind: PoolingKind, argmax: FixedBuffer<Int32>?
) -> [Float] {
    var gx = [Float](repeating: 0, count: x.count)
    gx.withUnsafeMutableBufferPointer { pgx in
        gy.withUnsafeBufferPointer { pg in
            x.withUnsafeBufferPointer { px in
                let target = pgx.baseAddress!, upstream = pg.baseAddress!, source = px.baseAddress!
                Parallel.forEachChunk(g.planes, costPerItem: g.planeCost) { planes in
                    for plane in planes {
                        let dxp = target + plane * g.planeSize, xp = source + plane * g.planeSize
                        let gp = upstream + plane * g.outPlaneSize
                        switch kind {
                        case .max:
                            // ∂x[argmax] += g
                            let chosen = argmax!.pointer + plane * g.outPlaneSize
                            for o in 0..<g.outPlaneSize { dxp[Int(chosen[o])] += gp[o] }
                        case .average:
                            spreadAverageGradient(gp, into: dxp, g)
                        case .power(let p):
                            weighPowerGradient(gp, into: dxp, x: xp, y: y, yPlane: plane * g.outPlaneSize, g, p: p)
                        }
                    }
                }
            }
        }
    }
    return gx
}

/// Average pooling, one plane: ∂x[each] += g / k.
@inline(__always)
private func spreadAverageGradient(_ gp: UnsafePointer<Float>, into dxp: UnsafeMutablePointer<Float>, _ g: PoolingGeometry) {
    let windowSize = g.windowSize
    g.forEachWindow { oh, ow, rows, columns in
        let share = gp[oh * g.outWidth + ow] / windowSize
        for h in rows { for w in columns { dxp[h * g.width + w] += share } }
    }
}

/// Lp pooling, one plane: ∂x[each] += g · y / t · x^(p−1), with t = y^p the window's sum; 0 where t = 0.
@inline(__always)
private func weighPowerGradient(
    _ gp: UnsafePointer<Float>, into dxp: UnsafeMutablePointer<Float>, x xp: UnsafePointer<Float>, y: [Float],
    yPlane: Int, _ g: PoolingGeometry, p: Float
) {
    g.forEachWindow { oh, ow, rows, columns in
        let o = oh * g.outWidth + ow
        let out = y[yPlane + o]
        let total = windowSum(xp, rows, columns, width: g.width) { power($0, p) }
        guard total != 0 else { return }
        let scale = gp[o] * out / total
        for h in rows {
            for w in columns { dxp[h * g.width + w] += scale * power(xp[h * g.width + w], p - 1) }
        }
    }
}

extension PoolingKind {
    var isMax: Bool { if case .max = self { return true } else { return false } }
}

/// Validates and runs one pooling; shape errors stop with the error's description, as PyTorch raises.
private func pool(
    _ name: String, rank: Int, _ input: Tensor, _ kind: PoolingKind, kernelSize: (Int, Int), stride: (Int, Int)?,
    padding: (Int, Int)
) -> Tensor {
    let geometry: PoolingGeometry
    do {
        geometry = try PoolingGeometry.make(
            operation: name, rank: rank, input: input.shape, kernelSize: kernelSize, stride: stride ?? kernelSize,
            padding: padding)
    } catch {
        preconditionFailure(error.description)
    }
    return pooling(input, geometry, kind, outputShape: geometry.outputShape(input: input.shape, rank: rank), name: name)
}

// MARK: Max pooling

/// 1-D max pooling, PyTorch's `F.max_pool1d`: input (N, C, L) or (C, L) → (…, L_out),
/// L_out = (L + 2·padding − kernelSize) / stride + 1; `stride` defaults to `kernelSize`; padding (at most
/// half the kernel) never wins. The gradient goes to the first maximum of each window.
public func maxPool1d(_ input: Tensor, kernelSize: Int, stride: Int? = nil, padding: Int = 0) -> Tensor {
    pool("maxPool1d", rank: 1, input, .max, kernelSize: (1, kernelSize), stride: stride.map { (1, $0) }, padding: (0, padding))
}

/// 2-D max pooling, PyTorch's `F.max_pool2d`, with one size for both axes; see the tuple form.
public func maxPool2d(_ input: Tensor, kernelSize: Int, stride: Int? = nil, padding: Int = 0) -> Tensor {
    maxPool2d(input, kernelSize: (kernelSize, kernelSize), stride: stride.map { ($0, $0) }, padding: (padding, padding))
}

/// 2-D max pooling, PyTorch's `F.max_pool2d`: input (N, C, H, W) or (C, H, W) → (…, H_out, W_out);
/// `stride` defaults to `kernelSize`. The gradient goes to the first maximum of each window.
public func maxPool2d(
    _ input: Tensor, kernelSize: (Int, Int), stride: (Int, Int)? = nil, padding: (Int, Int) = (0, 0)
) -> Tensor {
    pool("maxPool2d", rank: 2, input, .max, kernelSize: kernelSize, stride: stride, padding: padding)
}

/// Max over the whole time axis, as in Kim's sentence CNN: (N, C, L) → (N, C). The same as
/// `maxPool1d(input, kernelSize: L)` without the trailing size-1 axis.
public func maxOverTime(_ input: Tensor) -> Tensor {
    precondition(input.rank == 3, "maxOverTime: input of shape \(input.shape) must be (N, C, L)")
    let length = input.shape[2]
    let geometry = PoolingGeometry(
        planes: input.shape[0] * input.shape[1], height: 1, width: length, kernelHeight: 1, kernelWidth: length,
        strideHeight: 1, strideWidth: length, paddingHeight: 0, paddingWidth: 0)
    precondition(length >= 1, "maxOverTime: input of shape \(input.shape) has an empty time axis")
    return pooling(input, geometry, .max, outputShape: [input.shape[0], input.shape[1]], name: "maxOverTime")
}

// MARK: Average pooling

/// 1-D average pooling, PyTorch's `F.avg_pool1d` (padding counts as zeros in the average, as PyTorch's
/// default `count_include_pad=True`): input (N, C, L) or (C, L) → (…, L_out).
public func avgPool1d(_ input: Tensor, kernelSize: Int, stride: Int? = nil, padding: Int = 0) -> Tensor {
    pool("avgPool1d", rank: 1, input, .average, kernelSize: (1, kernelSize), stride: stride.map { (1, $0) }, padding: (0, padding))
}

/// 2-D average pooling with one size for both axes; see the tuple form.
public func avgPool2d(_ input: Tensor, kernelSize: Int, stride: Int? = nil, padding: Int = 0) -> Tensor {
    avgPool2d(input, kernelSize: (kernelSize, kernelSize), stride: stride.map { ($0, $0) }, padding: (padding, padding))
}

/// 2-D average pooling, PyTorch's `F.avg_pool2d` (`count_include_pad=True`): input (N, C, H, W) or
/// (C, H, W) → (…, H_out, W_out); `stride` defaults to `kernelSize`.
public func avgPool2d(
    _ input: Tensor, kernelSize: (Int, Int), stride: (Int, Int)? = nil, padding: (Int, Int) = (0, 0)
) -> Tensor {
    pool("avgPool2d", rank: 2, input, .average, kernelSize: kernelSize, stride: stride, padding: padding)
}

// MARK: Power-average (Lp) pooling

/// 1-D power-average pooling, PyTorch's `F.lp_pool1d`: y = (Σ_window x^p)^(1/p) — a sum, not a mean.
/// Input (N, C, L) or (C, L); no padding; `stride` defaults to `kernelSize`. A window whose sum of
/// powers is negative (odd p) gives NaN, as in PyTorch.
public func lpPool1d(_ input: Tensor, normType: Float, kernelSize: Int, stride: Int? = nil) -> Tensor {
    pool("lpPool1d", rank: 1, input, .power(normType), kernelSize: (1, kernelSize), stride: stride.map { (1, $0) }, padding: (0, 0))
}

/// 2-D power-average pooling with one size for both axes; see the tuple form.
public func lpPool2d(_ input: Tensor, normType: Float, kernelSize: Int, stride: Int? = nil) -> Tensor {
    lpPool2d(input, normType: normType, kernelSize: (kernelSize, kernelSize), stride: stride.map { ($0, $0) })
}

/// 2-D power-average pooling, PyTorch's `F.lp_pool2d`: y = (Σ_window x^p)^(1/p) over kH×kW windows.
/// Input (N, C, H, W) or (C, H, W); no padding; `stride` defaults to `kernelSize`.
public func lpPool2d(_ input: Tensor, normType: Float, kernelSize: (Int, Int), stride: (Int, Int)? = nil) -> Tensor {
    pool("lpPool2d", rank: 2, input, .power(normType), kernelSize: kernelSize, stride: stride, padding: (0, 0))
}
