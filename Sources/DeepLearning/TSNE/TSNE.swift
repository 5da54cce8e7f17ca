import Foundation

/// t-distributed stochastic neighbour embedding (van der Maaten & Hinton 2008), with the
/// optimisation schedule of scikit-learn's `TSNE`: so that results can be compared one to one.
///
/// ```swift
/// let result = try TSNE(perplexity: 30, iterations: 1000, method: .barnesHut(theta: 0.5), seed: 0)
///     .fit(digits.features)
/// print(result.klDivergence)   // result.embedding: N × 2
/// ```
///
/// Schedule: P calibrated per point to `perplexity` by binary search and symmetrised; Y starts at the
/// 2-D PCA projection scaled so its first axis has standard deviation 1e-4 (or N(0, 1e-4²) with
/// `.random`); gradient descent with momentum 0.5 and P × `earlyExaggeration` for the first
/// `exaggerationIterations` iterations, then momentum 0.8 and P itself; per-coordinate gains
/// (+0.2 when the gradient's sign flips relative to the step, × 0.8 otherwise, at least 0.01);
/// learning rate max(N / earlyExaggeration / 4, 50) unless given. Every `checkEvery` iterations the KL
/// divergence is computed; the run stops early if it has not improved for
/// `iterationsWithoutProgress` iterations or the gradient norm falls below `minGradientNorm`.
public struct TSNE: Sendable {
    /// How the gradient is computed.
    public enum Method: Sendable, Equatable {
        /// All N² pairs, dense P over all points: O(N²) time per iteration and about 12·N² bytes
        /// while P is built (digits, N = 1,797: 39 MB).
        case exact
        /// Sparse P over the ⌊3·perplexity + 1⌋ nearest neighbours, repulsion through a quadtree;
        /// `theta` is the opening angle (0.5 usual; 0 is exact). The neighbours are found exactly by
        /// scanning all pairs once (O(N²·D), a fraction of a second for N of a few thousand).
        case barnesHut(theta: Double)
    }

    /// Where the embedding starts.
    public enum Initialization: Sendable, Equatable {
        /// The first principal axes, scaled to standard deviation 1e-4 on the first one.
        case pca
        /// Gaussian with standard deviation 1e-4, from `seed`.
        case random
    }

    /// The effective number of neighbours each point's Gaussian is calibrated to (scikit-learn's default 30).
    public var perplexity: Double
    /// The most iterations to run (scikit-learn's `max_iter`).
    public var iterations: Int
    /// Exact O(N²) gradients or the Barnes–Hut approximation.
    public var method: Method
    /// Seed of the random start (the PCA start does not depend on it).
    public var seed: UInt64
    /// Where the points start: PCA of the input (scikit-learn's default) or random.
    public var initialization: Initialization = .pca
    /// The factor P is multiplied by during the first `exaggerationIterations`.
    public var earlyExaggeration: Double = 12
    /// How many iterations early exaggeration lasts.
    public var exaggerationIterations: Int = 250
    /// `nil`: max(N / earlyExaggeration / 4, 50).
    public var learningRate: Double? = nil
    /// Momentum during early exaggeration.
    public var initialMomentum: Double = 0.5
    /// Momentum after early exaggeration.
    public var finalMomentum: Double = 0.8
    /// The smallest per-coordinate gain (delta-bar-delta).
    public var minGain: Double = 0.01
    /// Stop when the gradient's norm falls below this.
    public var minGradientNorm: Double = 1e-7
    /// Stop after this many iterations without a lower KL divergence.
    public var iterationsWithoutProgress: Int = 300
    /// How often (in iterations) the KL divergence is computed for progress and stopping.
    public var checkEvery: Int = 50
    /// Threads for the gradient (rows split between them).
    public var threads: Int = 2

    /// A t-SNE with the usual settings; change the other properties before `fit` if needed.
    public init(perplexity: Double = 30, iterations: Int = 1000, method: Method = .barnesHut(theta: 0.5), seed: UInt64 = 0) {
        self.perplexity = perplexity
        self.iterations = iterations
        self.method = method
        self.seed = seed
    }

    /// Embeds `points` (N rows of equal length) in 2-D.
    public func fit(_ points: [[Double]], progress: ((TSNEProgress) -> Void)? = nil) throws -> TSNEResult {
        try fit(TSNEInput(points), progress: progress)
    }

    /// Embeds `points` (N rows of equal length) in 2-D.
    public func fit(_ points: [[Float]], progress: ((TSNEProgress) -> Void)? = nil) throws -> TSNEResult {
        try fit(TSNEInput(points), progress: progress)
    }

    /// Embeds `count` points of `dimension` values each, given row-major in `flat`.
    public func fit(flat: [Double], count: Int, dimension: Int, progress: ((TSNEProgress) -> Void)? = nil) throws -> TSNEResult {
        try fit(TSNEInput(flat: flat, count: count, dimension: dimension), progress: progress)
    }

    /// The one check of a perplexity against the number of points, for `fit` and `tsneJointProbabilities`.
    static func validate(perplexity: Double, count n: Int) throws {
        guard perplexity > 0, perplexity.isFinite else {
            throw TSNEError.invalidParameter(name: "perplexity", value: perplexity, requirement: "a finite number > 0")
        }
        guard n >= 2, perplexity < Double(n) else { throw TSNEError.tooFewPoints(count: n, perplexity: perplexity) }
    }

    private func validate(count n: Int) throws {
        try Self.validate(perplexity: perplexity, count: n)
        guard iterations >= 0 else {
            throw TSNEError.invalidParameter(name: "iterations", value: Double(iterations), requirement: ">= 0")
        }
        if case .barnesHut(let theta) = method, !(theta >= 0 && theta.isFinite) {
            throw TSNEError.invalidParameter(name: "theta", value: theta, requirement: "a finite number >= 0")
        }
        if let rate = learningRate, !(rate > 0) {
            throw TSNEError.invalidParameter(name: "learningRate", value: rate, requirement: "> 0")
        }
        guard checkEvery > 0 else {
            throw TSNEError.invalidParameter(name: "checkEvery", value: Double(checkEvery), requirement: "> 0")
        }
    }

    private func fit(_ input: TSNEInput, progress: ((TSNEProgress) -> Void)?) throws -> TSNEResult {
        let n = input.count
        try validate(count: n)
        let clock = ContinuousClock()
        let start = clock.now
        let (evaluate, calibrations) = objective(for: input)
        let affinitySeconds = (clock.now - start).tsneSeconds

        var descent = TSNEDescent(
            y: initialEmbedding(input.points), rate: learningRate ?? max(Double(n) / earlyExaggeration / 4, 50))
        // Two stages, as in scikit-learn: each starts with zero velocity and unit gains.
        let exaggerated = min(exaggerationIterations, iterations)
        let stages = [
            TSNEStage(range: 0..<exaggerated, momentum: initialMomentum, exaggeration: earlyExaggeration,
                      patience: exaggerationIterations),
            TSNEStage(range: exaggerated..<iterations, momentum: finalMomentum, exaggeration: 1,
                      patience: iterationsWithoutProgress),
        ]
        for stage in stages where !stage.range.isEmpty {
            descend(&descent, stage, evaluate: evaluate, elapsed: { (clock.now - start).tsneSeconds }, progress: progress)
        }
        let y = descent.y
        let embedding = (0..<n).map { [y[2 * $0], y[2 * $0 + 1]] }
        return TSNEResult(
            embedding: embedding, klDivergence: descent.kl, iterations: descent.iteration, learningRate: descent.rate,
            perplexities: calibrations.map(\.perplexity), history: descent.history,
            affinitySeconds: affinitySeconds, seconds: (clock.now - start).tsneSeconds)
    }

    /// P for the method, and the function that writes the gradient (and returns the KL when asked)
    /// for an embedding and an exaggeration.
    private func objective(for input: TSNEInput) -> (TSNEEvaluate, [PerplexityCalibration]) {
        let n = input.count
        switch method {
        case .exact:
            let (p, c) = tsneDenseAffinities(input.points, perplexity: perplexity, threads: threads)
            let objective = TSNEExactObjective(p: p, count: n, threads: threads)
            return ({ objective.evaluate(embedding: $0, exaggeration: $1, computeError: $2, gradient: &$3) }, c)
        case .barnesHut(let theta):
            let k = min(n - 1, Int(3 * perplexity + 1))
            let (p, c) = tsneSparseAffinities(input.points, perplexity: perplexity, neighbours: k, threads: threads)
            let objective = TSNEBarnesHutObjective(p: p, theta: theta, threads: threads)
            return ({ objective.evaluate(embedding: $0, exaggeration: $1, computeError: $2, gradient: &$3) }, c)
        }
    }

    /// One stage of gradient descent with momentum and gains, reporting every `checkEvery`
    /// iterations and stopping early after `stage.patience` iterations without a lower KL or when the
    /// gradient vanishes.
    private func descend(
        _ d: inout TSNEDescent, _ stage: TSNEStage, evaluate: TSNEEvaluate, elapsed: () -> Double,
        progress: ((TSNEProgress) -> Void)?
    ) {
        var update = [Double](repeating: 0, count: d.y.count)
        var gains = [Double](repeating: 1, count: d.y.count)
        var bestError = Double.greatestFiniteMagnitude
        var bestIteration = stage.range.lowerBound
        for it in stage.range {
            let check = (it + 1) % checkEvery == 0
            let error = evaluate(d.y, stage.exaggeration, check || it == stage.range.upperBound - 1, &d.gradient)
            let squaredNorm = step(&d, update: &update, gains: &gains, momentum: stage.momentum)
            d.iteration = it + 1
            if let error { d.kl = error }
            guard check else { continue }
            let report = TSNEProgress(
                iteration: d.iteration, klDivergence: d.kl, gradientNorm: sqrt(squaredNorm),
                exaggeration: stage.exaggeration, elapsedSeconds: elapsed())
            d.history.append(report)
            progress?(report)
            if d.kl < bestError {
                bestError = d.kl
                bestIteration = it
            } else if it - bestIteration > stage.patience {
                break
            }
            if sqrt(squaredNorm) <= minGradientNorm { break }
        }
    }

    /// y += update, update = momentum·update − rate·gains·gradient, the gains growing where the
    /// gradient changed sign against the last step (delta-bar-delta); returns ‖gains·gradient‖².
    private func step(_ d: inout TSNEDescent, update: inout [Double], gains: inout [Double], momentum: Double) -> Double {
        var squaredNorm = 0.0
        for k in 0..<d.y.count {
            if update[k] * d.gradient[k] < 0 { gains[k] += 0.2 } else { gains[k] *= 0.8 }
            if gains[k] < minGain { gains[k] = minGain }
            let g = d.gradient[k] * gains[k]
            squaredNorm += g * g
            update[k] = momentum * update[k] - d.rate * g
            d.y[k] += update[k]
        }
        return squaredNorm
    }

    private func initialEmbedding(_ points: TSNEPoints) -> [Double] {
        let n = points.count
        switch initialization {
        case .pca:
            var y = tsnePrincipalComponents(points, components: 2)
            // Scale so the first axis has (population) standard deviation 1e-4, as scikit-learn does.
            var mean = 0.0
            for i in 0..<n { mean += y[2 * i] }
            mean /= Double(n)
            var variance = 0.0
            for i in 0..<n { variance += (y[2 * i] - mean) * (y[2 * i] - mean) }
            let std = sqrt(variance / Double(n))
            let scale = std > 0 ? 1e-4 / std : 1
            for k in 0..<y.count { y[k] *= scale }
            return y
        case .random:
            let random = RandomGenerator(seed: seed, algorithm: .splitMix64)
            return (0..<(2 * n)).map { _ in 1e-4 * random.nextNormalDouble() }
        }
    }
}

/// What `TSNE.fit` reports every `checkEvery` iterations.
public struct TSNEProgress: Sendable, Equatable {
    /// Iterations done.
    public var iteration: Int
    /// KL(P‖Q) at this iteration, with P exaggerated during early exaggeration (as scikit-learn reports).
    public var klDivergence: Double
    /// ‖gains ⊙ ∂KL/∂Y‖.
    public var gradientNorm: Double
    /// The factor P was multiplied by.
    public var exaggeration: Double
    /// Wall time since the fit started.
    public var elapsedSeconds: Double
}

/// The outcome of `TSNE.fit`.
public struct TSNEResult: Sendable {
    /// N × 2.
    public var embedding: [[Double]]
    /// KL(P‖Q) at the last iteration (the quantity scikit-learn reports as `kl_divergence_`).
    /// Exact method: over all pairs. Barnes–Hut: over the sparse P, with the tree's approximation of
    /// Z. If the run ends during early exaggeration, P is the exaggerated one.
    public var klDivergence: Double
    /// Iterations run (fewer than asked if the run stopped early).
    public var iterations: Int
    /// The learning rate used (the automatic one when none was given).
    public var learningRate: Double
    /// The perplexity each point's Gaussian reached.
    public var perplexities: [Double]
    /// Every progress report.
    public var history: [TSNEProgress]
    /// Time spent computing P (neighbours, calibration, symmetrisation).
    public var affinitySeconds: Double
    /// Total time of `fit`.
    public var seconds: Double
}

/// The cost of one t-SNE row for `Parallel.forEachChunk` (a perplexity search, a scan of the other
/// points, or a walk of the quadtree: far more than one element of a tensor loop), so that 64 rows
/// or more are split over the threads.
let tsneRowCost = Parallel.minimumParallelWork / 64

extension Duration {
    var tsneSeconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) * 1e-18
    }
}

/// Writes ∂KL/∂y for an embedding and an exaggeration into the last argument; returns the KL when
/// the third argument asks for it.
typealias TSNEEvaluate = ([Double], Double, Bool, inout [Double]) -> Double?

/// One stage of t-SNE's descent: its iterations, momentum, P's exaggeration, and how many
/// iterations without a lower KL it waits.
struct TSNEStage {
    let range: Range<Int>, momentum: Double, exaggeration: Double, patience: Int
}

/// The state `TSNE.fit` carries through its stages.
struct TSNEDescent {
    /// The embedding, interleaved (x₀, y₀, x₁, y₁, …), and the last gradient.
    var y: [Double], gradient: [Double]
    /// The learning rate.
    let rate: Double
    var history: [TSNEProgress] = []
    var kl = Double.nan
    var iteration = 0

    init(y: [Double], rate: Double) {
        self.y = y
        self.rate = rate
        gradient = [Double](repeating: 0, count: y.count)
    }
}
