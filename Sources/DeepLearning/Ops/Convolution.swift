// Convolution as PyTorch computes it (cross-correlation: the kernel is not flipped), by im2col + one GEMM
// on the BLAS seam. `conv1d` is the 2-D kernel with a height of 1, so both share every loop below.
//
// Notation (per the 2-D case):
//   x (N, C, H, W), weight (F, C, kH, kW), bias (F), y (N, F, Ho, Wo)
//   Ho = (H + 2·pH − kH) / sH + 1,  Wo = (W + 2·pW − kW) / sW + 1
//   K = C·kH·kW (one column of the unfolded input), P = Ho·Wo (output positions per image)
//
// Forward:   cols (K, N·P) = im2col(x)        cols[(c,i,j), (n,oh,ow)] = x[n, c, oh·sH − pH + i, ow·sW − pW + j]
//            Y' (F, N·P)   = W (F, K) · cols
//            y[n, f, p]    = Y'[f, n·P + p] + b[f]
// Backward:  G' (F, N·P)   = G (N, F, P) with the first two axes swapped
//            ∂W (F, K)     = G' · colsᵀ
//            ∂b (F)        = Σ_{n,p} G[n, f, p]
//            ∂cols (K, N·P)= Wᵀ · G'
//            ∂x            = col2im(∂cols)    (the adjoint of im2col: every copy becomes an addition)

/// A shape problem in a convolution's arguments; the description names the shapes involved.
public enum ConvolutionError: Error, CustomStringConvertible, Equatable {
    /// The input does not have the rank the operation needs.
    case inputRank(operation: String, input: [Int], expected: String)
    /// The weight does not have the rank the operation needs.
    case weightRank(operation: String, weight: [Int], expected: String)
    /// The input's channel count differs from the weight's.
    case channelMismatch(operation: String, input: [Int], weight: [Int])
    /// The bias is not a vector with one value per output channel.
    case biasShape(operation: String, bias: [Int], weight: [Int])
    /// A stride below 1 or a negative padding.
    case invalidGeometry(operation: String, detail: String)
    /// The kernel does not fit in the padded input.
    case kernelTooLarge(operation: String, input: [Int], weight: [Int], padding: [Int])

    /// What is wrong, naming the shapes.
    public var description: String {
        switch self {
        case let .inputRank(operation, input, expected):
            return "\(operation): input of shape \(input) must be \(expected)"
        case let .weightRank(operation, weight, expected):
            return "\(operation): weight of shape \(weight) must be \(expected)"
        case let .channelMismatch(operation, input, weight):
            return "\(operation): input of shape \(input) has \(input[1]) channels, but weight of shape \(weight) expects \(weight[1])"
        case let .biasShape(operation, bias, weight):
            return "\(operation): bias of shape \(bias) does not match weight of shape \(weight) (expects [\(weight[0])])"
        case let .invalidGeometry(operation, detail):
            return "\(operation): \(detail)"
        case let .kernelTooLarge(operation, input, weight, padding):
            return "\(operation): kernel of weight \(weight) does not fit in input \(input) with padding \(padding)"
        }
    }
}

/// The sizes of one 2-D convolution; the 1-D case has `height == kernelHeight == 1`.
struct ConvolutionGeometry: Equatable {
    var batch: Int, inChannels: Int, height: Int, width: Int
    var outChannels: Int, kernelHeight: Int, kernelWidth: Int
    var strideHeight: Int, strideWidth: Int, paddingHeight: Int, paddingWidth: Int

    var outHeight: Int { (height + 2 * paddingHeight - kernelHeight) / strideHeight + 1 }
    var outWidth: Int { (width + 2 * paddingWidth - kernelWidth) / strideWidth + 1 }
    /// Output positions per image (P).
    var positions: Int { outHeight * outWidth }
    /// Rows of the unfolded input (K = C·kH·kW).
    var patchSize: Int { inChannels * kernelHeight * kernelWidth }

    /// Checks the arguments of `conv1d` (`rank == 1`) or `conv2d` (`rank == 2`) and returns the geometry.
    static func make(
        operation: String, rank: Int, input: [Int], weight: [Int], bias: [Int]?,
        stride: (Int, Int), padding: (Int, Int)
    ) throws(ConvolutionError) -> ConvolutionGeometry {
        let expectedInput = rank == 1 ? "(N, C_in, L)" : "(N, C_in, H, W)"
        let expectedWeight = rank == 1 ? "(C_out, C_in, K)" : "(C_out, C_in, kH, kW)"
        guard input.count == rank + 2 else {
            throw .inputRank(operation: operation, input: input, expected: expectedInput)
        }
        guard weight.count == rank + 2 else {
            throw .weightRank(operation: operation, weight: weight, expected: expectedWeight)
        }
        guard input[1] == weight[1] else {
            throw .channelMismatch(operation: operation, input: input, weight: weight)
        }
        if let bias, bias != [weight[0]] {
            throw .biasShape(operation: operation, bias: bias, weight: weight)
        }
        guard stride.0 >= 1, stride.1 >= 1 else {
            throw .invalidGeometry(operation: operation, detail: "stride must be at least 1, got \(rank == 1 ? "\(stride.1)" : "\(stride)")")
        }
        guard padding.0 >= 0, padding.1 >= 0 else {
            throw .invalidGeometry(operation: operation, detail: "padding must not be negative, got \(rank == 1 ? "\(padding.1)" : "\(padding)")")
        }
        let geometry = ConvolutionGeometry(
            batch: input[0], inChannels: input[1], height: rank == 1 ? 1 : input[2], width: input[rank + 1],
            outChannels: weight[0], kernelHeight: rank == 1 ? 1 : weight[2], kernelWidth: weight[rank + 1],
            strideHeight: stride.0, strideWidth: stride.1, paddingHeight: padding.0, paddingWidth: padding.1)
        guard geometry.height + 2 * geometry.paddingHeight >= geometry.kernelHeight,
              geometry.width + 2 * geometry.paddingWidth >= geometry.kernelWidth
        else {
            throw .kernelTooLarge(
                operation: operation, input: input, weight: weight,
                padding: rank == 1 ? [padding.1] : [padding.0, padding.1])
        }
        return geometry
    }
}

/// The output positions `o` along one axis whose input index `o·stride − padding + offset` lies in
/// `0..<size` (the rest read padding), as a range of `o`.
@inline(__always)
private func validOutputRange(size: Int, outSize: Int, stride: Int, padding: Int, offset: Int) -> Range<Int> {
    // o·stride ≥ padding − offset  and  o·stride < size + padding − offset
    let low = padding - offset
    let high = size + padding - offset
    let start = low <= 0 ? 0 : (low + stride - 1) / stride
    let end = high <= 0 ? 0 : Swift.min(outSize, (high + stride - 1) / stride)
    return start..<Swift.max(start, end)
}

enum ConvolutionKernels {
    /// Unfolds x (N, C, H, W) into cols (K, N·P); see the notation at the top of the file.
    static func im2col(_ x: UnsafePointer<Float>, _ cols: UnsafeMutablePointer<Float>, _ g: ConvolutionGeometry) {
        let outH = g.outHeight, outW = g.outWidth, positions = g.positions
        let rowLength = g.batch * positions
        Parallel.forEachChunk(g.patchSize, costPerItem: rowLength) { rows in
            for row in rows {
                let c = row / (g.kernelHeight * g.kernelWidth)
                let i = (row / g.kernelWidth) % g.kernelHeight
                let j = row % g.kernelWidth
                let validH = validOutputRange(size: g.height, outSize: outH, stride: g.strideHeight, padding: g.paddingHeight, offset: i)
                let validW = validOutputRange(size: g.width, outSize: outW, stride: g.strideWidth, padding: g.paddingWidth, offset: j)
                for n in 0..<g.batch {
                    let target = cols + row * rowLength + n * positions
                    let plane = x + (n * g.inChannels + c) * g.height * g.width
                    for oh in 0..<outH {
                        let out = target + oh * outW
                        guard validH.contains(oh) else {
                            out.update(repeating: 0, count: outW)
                            continue
                        }
                        let source = plane + (oh * g.strideHeight - g.paddingHeight + i) * g.width
                        if validW.lowerBound > 0 { out.update(repeating: 0, count: validW.lowerBound) }
                        let w0 = validW.lowerBound * g.strideWidth - g.paddingWidth + j
                        if g.strideWidth == 1 {
                            (out + validW.lowerBound).update(from: source + w0, count: validW.count)
                        } else {
                            for (k, ow) in validW.enumerated() { out[ow] = source[w0 + k * g.strideWidth] }
                        }
                        if validW.upperBound < outW {
                            (out + validW.upperBound).update(repeating: 0, count: outW - validW.upperBound)
                        }
                    }
                }
            }
        }
    }

    /// The adjoint of `im2col`: dx (N, C, H, W) = Σ of the entries of dcols (K, N·P) at the positions they
    /// were copied from. `dx` must start at zero.
    static func col2im(_ dcols: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>, _ g: ConvolutionGeometry) {
        let outH = g.outHeight, outW = g.outWidth, positions = g.positions
        let rowLength = g.batch * positions
        // One unit is one (n, c) image plane: units write disjoint parts of dx.
        Parallel.forEachChunk(g.batch * g.inChannels, costPerItem: g.kernelHeight * g.kernelWidth * positions) { units in
            for unit in units {
                let n = unit / g.inChannels, c = unit % g.inChannels
                let plane = dx + unit * g.height * g.width
                for i in 0..<g.kernelHeight {
                    let validH = validOutputRange(size: g.height, outSize: outH, stride: g.strideHeight, padding: g.paddingHeight, offset: i)
                    for j in 0..<g.kernelWidth {
                        let validW = validOutputRange(size: g.width, outSize: outW, stride: g.strideWidth, padding: g.paddingWidth, offset: j)
                        let row = (c * g.kernelHeight + i) * g.kernelWidth + j
                        let source = dcols + row * rowLength + n * positions
                        let w0 = validW.lowerBound * g.strideWidth - g.paddingWidth + j
                        for oh in validH {
                            let target = plane + (oh * g.strideHeight - g.paddingHeight + i) * g.width + w0
                            let from = source + oh * outW + validW.lowerBound
                            if g.strideWidth == 1 {
                                for k in 0..<validW.count { target[k] += from[k] }
                            } else {
                                for k in 0..<validW.count { target[k * g.strideWidth] += from[k] }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Copies a (outer, middle, inner) array into (middle, outer, inner): the two outer axes swapped.
    static func swapOuterAxes(
        _ source: UnsafePointer<Float>, _ target: UnsafeMutablePointer<Float>, outer: Int, middle: Int, inner: Int
    ) {
        Parallel.forEachChunk(outer * middle, costPerItem: inner) { blocks in
            for block in blocks {
                let a = block / middle, b = block % middle
                (target + (b * outer + a) * inner).update(from: source + block * inner, count: inner)
            }
        }
    }
}

/// The shared 2-D convolution behind `conv1d` and `conv2d`; the tensors keep their own shapes.
private func convolution(
    _ input: Tensor, _ weight: Tensor, _ bias: Tensor?, _ g: ConvolutionGeometry, outputShape: [Int]
) -> Tensor {
    let x = input.scalars, w = weight.scalars
    let unfolded = unfold(x, g)  // cols (K, N·P)
    let y = convolutionForward(weights: w, cols: unfolded, bias: bias?.scalars, g)  // (N, F, P)
    let needInput = input.requiresGrad, needWeight = weight.requiresGrad, hasBias = bias != nil
    let cols = needWeight ? unfolded : []  // only ∂W reads the unfolded input
    let inputShape = input.shape, weightShape = weight.shape
    let inputs = bias.map { [input, weight, $0] } ?? [input, weight]
    return Tensor.result(shape: outputShape, scalars: y, operation: "convolution", inputs: inputs) { gradient in
        // G' (F, N·P) from G (N, F, P)
        let gPrime = filledArray(count: g.outChannels * g.batch * g.positions) { out in
            gradient.scalars.withUnsafeBufferPointer { pg in
                ConvolutionKernels.swapOuterAxes(pg.baseAddress!, out, outer: g.batch, middle: g.outChannels, inner: g.positions)
            }
        }
        var gradients: [Tensor?] = [nil, nil]
        if needWeight { gradients[1] = Tensor(shape: weightShape, scalars: convolutionWeightGradient(gPrime, cols: cols, g)) }
        if needInput { gradients[0] = Tensor(shape: inputShape, scalars: convolutionInputGradient(gPrime, weights: w, g)) }
        if hasBias { gradients.append(Tensor(shape: [g.outChannels], scalars: convolutionBiasGradient(gPrime, g))) }
        return gradients
    }
}

/// An array of `count` floats, every one written by `body` through the pointer it is given.
@inline(__always)
private func filledArray(count: Int, _ body: (UnsafeMutablePointer<Float>) -> Void) -> [Float] {
    [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
        body(buffer.baseAddress!)
        initialized = count
    }
}

/// cols (K, N·P) = im2col(x (N, C, H, W)).
private func unfold(_ x: [Float], _ g: ConvolutionGeometry) -> [Float] {
    filledArray(count: g.patchSize * g.batch * g.positions) { cols in
        x.withUnsafeBufferPointer { px in ConvolutionKernels.im2col(px.baseAddress!, cols, g) }
    }
}

/// Forward: Y' (F, N·P) = W (F, K) · cols (K, N·P), then y (N, F, P) = Y' with its outer axes
/// swapped, + b[f].
private func convolutionForward(weights w: [Float], cols: [Float], bias: [Float]?, _ g: ConvolutionGeometry) -> [Float] {
    let n = g.batch, f = g.outChannels, k = g.patchSize, p = g.positions
    let product = filledArray(count: f * n * p) { out in
        w.withUnsafeBufferPointer { pw in
            cols.withUnsafeBufferPointer { pc in
                BLAS.gemm(
                    transposeA: false, transposeB: false, m: f, n: n * p, k: k,
                    a: pw.baseAddress!, lda: k, b: pc.baseAddress!, ldb: n * p, c: out, ldc: n * p)
            }
        }
    }
    return filledArray(count: n * f * p) { out in
        product.withUnsafeBufferPointer { source in
            let from = source.baseAddress!
            Parallel.forEachChunk(n * f, costPerItem: p) { blocks in
                for block in blocks {
                    let image = block / f, channel = block % f
                    let target = out + block * p
                    target.update(from: from + (channel * n + image) * p, count: p)
                    if let bias {
                        let b = bias[channel]
                        for q in 0..<p { target[q] += b }
                    }
                }
            }
        }
    }
}

/// ∂W (F, K) = G' (F, N·P) · colsᵀ (N·P, K).
private func convolutionWeightGradient(_ gPrime: [Float], cols: [Float], _ g: ConvolutionGeometry) -> [Float] {
    let np = g.batch * g.positions, f = g.outChannels, k = g.patchSize
    return filledArray(count: f * k) { out in
        gPrime.withUnsafeBufferPointer { pg in
            cols.withUnsafeBufferPointer { pc in
                BLAS.gemm(
                    transposeA: false, transposeB: true, m: f, n: k, k: np,
                    a: pg.baseAddress!, lda: np, b: pc.baseAddress!, ldb: np, c: out, ldc: k)
            }
        }
    }
}

/// ∂cols (K, N·P) = Wᵀ (K, F) · G' (F, N·P), then ∂x (N, C, H, W) = col2im(∂cols).
private func convolutionInputGradient(_ gPrime: [Float], weights w: [Float], _ g: ConvolutionGeometry) -> [Float] {
    let np = g.batch * g.positions, f = g.outChannels, k = g.patchSize
    let dcols = filledArray(count: k * np) { out in
        w.withUnsafeBufferPointer { pw in
            gPrime.withUnsafeBufferPointer { pg in
                BLAS.gemm(
                    transposeA: true, transposeB: false, m: k, n: np, k: f,
                    a: pw.baseAddress!, lda: k, b: pg.baseAddress!, ldb: np, c: out, ldc: np)
            }
        }
    }
    var gx = [Float](repeating: 0, count: g.batch * g.inChannels * g.height * g.width)
    dcols.withUnsafeBufferPointer { pd in
        gx.withUnsafeMutableBufferPointer { pgx in ConvolutionKernels.col2im(pd.baseAddress!, pgx.baseAddress!, g) }
    }
    return gx
}

/// ∂b (F): ∂b[f] = Σ_{n,p} G'[f, n·P + p].
private func convolutionBiasGradient(_ gPrime: [Float], _ g: ConvolutionGeometry) -> [Float] {
    let np = g.batch * g.positions
    return gPrime.withUnsafeBufferPointer { pg in
        (0..<g.outChannels).map { channel in
            let row = pg.baseAddress! + channel * np
            var sum: Float = 0
            for q in 0..<np { sum += row[q] }
            return sum
        }
    }
}

/// The validated geometry, or a stop with the error's description (shape errors are programming errors,
/// as in PyTorch, where they raise).
private func geometryOrFail(
    _ operation: String, rank: Int, _ input: Tensor, _ weight: Tensor, _ bias: Tensor?,
    stride: (Int, Int), padding: (Int, Int)
) -> ConvolutionGeometry {
    do {
        return try ConvolutionGeometry.make(
            operation: operation, rank: rank, input: input.shape, weight: weight.shape, bias: bias?.shape,
            stride: stride, padding: padding)
    } catch {
        preconditionFailure(error.description)
    }
}

/// 1-D convolution (cross-correlation), PyTorch's `F.conv1d` without dilation or groups.
///
/// Shapes: input (N, C_in, L), weight (C_out, C_in, K), bias (C_out) → (N, C_out, L_out) with
/// L_out = (L + 2·padding − K) / stride + 1. Zero padding on both ends.
public func conv1d(
    _ input: Tensor, _ weight: Tensor, bias: Tensor? = nil, stride: Int = 1, padding: Int = 0
) -> Tensor {
    let g = geometryOrFail("conv1d", rank: 1, input, weight, bias, stride: (1, stride), padding: (0, padding))
    return convolution(input, weight, bias, g, outputShape: [g.batch, g.outChannels, g.outWidth])
}

/// 2-D convolution (cross-correlation), PyTorch's `F.conv2d` without dilation or groups.
///
/// Shapes: input (N, C_in, H, W), weight (C_out, C_in, kH, kW), bias (C_out) → (N, C_out, H_out, W_out)
/// with H_out = (H + 2·padding.0 − kH) / stride.0 + 1 and likewise for the width. Zero padding.
public func conv2d(
    _ input: Tensor, _ weight: Tensor, bias: Tensor? = nil, stride: (Int, Int), padding: (Int, Int) = (0, 0)
) -> Tensor {
    let g = geometryOrFail("conv2d", rank: 2, input, weight, bias, stride: stride, padding: padding)
    return convolution(input, weight, bias, g, outputShape: [g.batch, g.outChannels, g.outHeight, g.outWidth])
}

/// 2-D convolution with the same stride and padding along both axes; see the tuple form.
public func conv2d(_ input: Tensor, _ weight: Tensor, bias: Tensor? = nil, stride: Int = 1, padding: Int = 0) -> Tensor {
    conv2d(input, weight, bias: bias, stride: (stride, stride), padding: (padding, padding))
}

/// 2-D convolution with one stride for both axes and a padding per axis; see the tuple form.
public func conv2d(_ input: Tensor, _ weight: Tensor, bias: Tensor? = nil, stride: Int = 1, padding: (Int, Int)) -> Tensor {
    conv2d(input, weight, bias: bias, stride: (stride, stride), padding: padding)
}

/// 2-D convolution with a stride per axis and one padding for both; see the tuple form.
public func conv2d(_ input: Tensor, _ weight: Tensor, bias: Tensor? = nil, stride: (Int, Int), padding: Int) -> Tensor {
    conv2d(input, weight, bias: bias, stride: stride, padding: (padding, padding))
}
