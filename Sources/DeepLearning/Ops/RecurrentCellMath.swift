/// The elementwise maths of one step of each cell, forward and backward side by side.
/// Gates are laid out per batch row as G blocks of H: row n of A is A[n·G·H ..< (n+1)·G·H].
enum RecurrentCellMath {
    typealias Pointer = UnsafeMutablePointer<Float>

    // MARK: Elman RNN

    /// h = act(A), in place on the preactivation A (N·H) → h (N·H).
    @inline(__always)
    static func rnnForward(_ kind: RecurrentCell, preactivation A: Pointer, h: Pointer, count: Int) {
        if kind == .rnnTanh {
            VectorMath.apply(VectorMath.tanh, A, h, count: count)
        } else {
            for i in 0..<count { h[i] = Swift.max(A[i], 0) }
        }
    }

    /// ∂A = (∂out + ∂h_next)·act′, with tanh′ = 1 − h², relu′ = [h > 0].
    @inline(__always)
    static func rnnBackward(
        _ kind: RecurrentCell, h: Pointer, dOut: UnsafePointer<Float>, dhNext: Pointer, dA: Pointer, count: Int
    ) {
        if kind == .rnnTanh {
            for i in 0..<count { dA[i] = (dOut[i] + dhNext[i]) * (1 - h[i] * h[i]) }
        } else {
            for i in 0..<count { dA[i] = h[i] > 0 ? dOut[i] + dhNext[i] : 0 }
        }
    }

    // MARK: LSTM

    /// i, f, o = σ(A_i, A_f, A_o), g = tanh(A_g) (in place in `gates`); c = f∘c_prev + i∘g;
    /// h = o∘tanh(c). Shapes: gates (N, 4H), c_prev, c, tanhC, h (N, H).
    @inline(__always)
    static func lstmForward(
        gates: Pointer, cPrev: UnsafePointer<Float>, c: Pointer, tanhC: Pointer, h: Pointer,
        batch: Int, hiddenSize H: Int
    ) {
        for n in 0..<batch {
            let row = gates + n * 4 * H
            VectorMath.apply(VectorMath.sigmoid, row, row, count: 2 * H)
            VectorMath.apply(VectorMath.tanh, row + 2 * H, row + 2 * H, count: H)
            VectorMath.apply(VectorMath.sigmoid, row + 3 * H, row + 3 * H, count: H)
            let i = row, f = row + H, g = row + 2 * H
            let cp = cPrev + n * H, cn = c + n * H
            for j in 0..<H { cn[j] = f[j] * cp[j] + i[j] * g[j] }
            VectorMath.apply(VectorMath.tanh, cn, tanhC + n * H, count: H)
        }
        for n in 0..<batch {
            let o = gates + n * 4 * H + 3 * H, tc = tanhC + n * H, hn = h + n * H
            for j in 0..<H { hn[j] = o[j] * tc[j] }
        }
    }

    /// With ∂h = ∂out + ∂h_next and ∂c = ∂c_next + ∂h∘o∘(1 − tanh²c):
    /// ∂A_i = ∂c∘g∘i(1−i), ∂A_f = ∂c∘c_prev∘f(1−f), ∂A_g = ∂c∘i∘(1−g²), ∂A_o = ∂h∘tanh c∘o(1−o);
    /// ∂c_prev = ∂c∘f is written to `dcNext`. (∂h_prev = ∂A·W_hh is the caller's GEMM.)
    @inline(__always)
    static func lstmBackward(
        gates: Pointer, cPrev: UnsafePointer<Float>, tanhC: Pointer, dOut: UnsafePointer<Float>,
        dhNext: Pointer, dcNext: Pointer, dA: Pointer, batch: Int, hiddenSize H: Int
    ) {
        for n in 0..<batch {
            let row = gates + n * 4 * H, dRow = dA + n * 4 * H
            let i = row, f = row + H, g = row + 2 * H, o = row + 3 * H
            let tc = tanhC + n * H, cp = cPrev + n * H
            let dOutRow = dOut + n * H, dhRow = dhNext + n * H, dcRow = dcNext + n * H
            for j in 0..<H {
                let dh = dOutRow[j] + dhRow[j]
                let dc = dcRow[j] + dh * o[j] * (1 - tc[j] * tc[j])
                dRow[j] = dc * g[j] * i[j] * (1 - i[j])
                dRow[H + j] = dc * cp[j] * f[j] * (1 - f[j])
                dRow[2 * H + j] = dc * i[j] * (1 - g[j] * g[j])
                dRow[3 * H + j] = dh * tc[j] * o[j] * (1 - o[j])
                dcRow[j] = dc * f[j]
            }
        }
    }

    // MARK: GRU

    /// r = σ(A_r + Q_r), z = σ(A_z + Q_z), n = tanh(A_n + r∘Q_n), h = (1 − z)∘n + z∘h_prev, where
    /// A = W_ih x + b_ih and Q = W_hh h_prev + b_hh. r, z, n are stored in place in `gates`; Q_n is saved.
    /// Shapes: gates, Q (N, 3H); h_prev, savedHiddenN, h (N, H).
    @inline(__always)
    static func gruForward(
        gates: Pointer, hiddenProjection Q: Pointer, hPrev: UnsafePointer<Float>, savedHiddenN: Pointer,
        h: Pointer, batch: Int, hiddenSize H: Int
    ) {
        for n in 0..<batch {
            let row = gates + n * 3 * H, q = Q + n * 3 * H
            for j in 0..<(2 * H) { row[j] += q[j] }
            VectorMath.apply(VectorMath.sigmoid, row, row, count: 2 * H)
            let r = row, z = row + H, nGate = row + 2 * H, qn = q + 2 * H
            let saved = savedHiddenN + n * H
            for j in 0..<H {
                saved[j] = qn[j]
                nGate[j] += r[j] * qn[j]
            }
            VectorMath.apply(VectorMath.tanh, nGate, nGate, count: H)
            let hp = hPrev + n * H, hn = h + n * H
            for j in 0..<H { hn[j] = (1 - z[j]) * nGate[j] + z[j] * hp[j] }
        }
    }

    /// With ∂h = ∂out + ∂h_next: ∂A_n = ∂h∘(1−z)∘(1−n²), ∂A_r = ∂A_n∘Q_n∘r(1−r),
    /// ∂A_z = ∂h∘(h_prev − n)∘z(1−z); input-side gradients (∂A_r, ∂A_z, ∂A_n), hidden-side
    /// (∂A_r, ∂A_z, ∂A_n∘r); the direct part ∂h∘z of ∂h_prev is written to `dhNext`.
    @inline(__always)
    static func gruBackward(
        gates: Pointer, savedHiddenN: Pointer, hPrev: UnsafePointer<Float>, dOut: UnsafePointer<Float>,
        dhNext: Pointer, dInputGates dA: Pointer, dHiddenGates dB: Pointer, batch: Int, hiddenSize H: Int
    ) {
        for n in 0..<batch {
            let row = gates + n * 3 * H
            let r = row, z = row + H, nGate = row + 2 * H
            let qn = savedHiddenN + n * H, hp = hPrev + n * H
            let dOutRow = dOut + n * H, dhRow = dhNext + n * H
            let dARow = dA + n * 3 * H, dBRow = dB + n * 3 * H
            for j in 0..<H {
                let dh = dOutRow[j] + dhRow[j]
                let dAn = dh * (1 - z[j]) * (1 - nGate[j] * nGate[j])
                let dAr = dAn * qn[j] * r[j] * (1 - r[j])
                let dAz = dh * (hp[j] - nGate[j]) * z[j] * (1 - z[j])
                dARow[j] = dAr
                dARow[H + j] = dAz
                dARow[2 * H + j] = dAn
                dBRow[j] = dAr
                dBRow[H + j] = dAz
                dBRow[2 * H + j] = dAn * r[j]
                dhRow[j] = dh * z[j]
            }
        }
    }

    /// Sums of the columns of a (rows, columns) matrix.
    static func columnSums(_ matrix: Pointer, rows: Int, columns: Int) -> [Float] {
        Kernels.columnSums(matrix, rows: rows, columns: columns)
    }
}

