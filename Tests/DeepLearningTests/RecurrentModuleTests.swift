import Testing
@testable import DeepLearning

@Suite("Recurrent modules: parameters, state, dropout")
struct RecurrentModuleTests {
    @Test("parameters carry PyTorch's names and shapes (LSTM: 4H×I, 4H×H, two 4H biases per layer)")
    func parameterNames() {
        let lstm = LSTM(inputSize: 5, hiddenSize: 3, numLayers: 2)
        #expect(lstm.namedParameters().map(\.0) == [
            "weightIH_l0", "weightHH_l0", "biasIH_l0", "biasHH_l0",
            "weightIH_l1", "weightHH_l1", "biasIH_l1", "biasHH_l1",
        ])
        #expect(lstm.namedParameters().map(\.1.shape) == [[12, 5], [12, 3], [12], [12], [12, 3], [12, 3], [12], [12]])
        #expect(GRU(inputSize: 5, hiddenSize: 3).weightIH(layer: 0).shape == [9, 5])
        #expect(RNN(inputSize: 5, hiddenSize: 3, bias: false).namedParameters().map(\.0) == ["weightIH_l0", "weightHH_l0"])
    }

    @Test("initialisation is uniform in ±1/√H and the same seed gives the same weights")
    func initialisation() {
        let a = LSTM(inputSize: 4, hiddenSize: 16, numLayers: 2, generator: RandomGenerator(seed: 3))
        let b = LSTM(inputSize: 4, hiddenSize: 16, numLayers: 2, generator: RandomGenerator(seed: 3))
        let values = a.parameters().flatMap(\.scalars)
        #expect(values.allSatisfy { Swift.abs($0) <= 0.25 })
        #expect(values.max()! > 0.24 && values.min()! < -0.24)
        #expect(a.parameters().map(\.scalars) == b.parameters().map(\.scalars))
    }

    @Test("state out of one chunk fed back in continues the sequence exactly (truncated BPTT's premise)")
    func stateInAndOut() {
        let lstm = LSTM(inputSize: 3, hiddenSize: 4, numLayers: 2, generator: RandomGenerator(seed: 5))
        let x = sample([6, 2, 3], seed: 6, requiresGrad: false)
        let (whole, (hWhole, cWhole)) = lstm(x, nil)
        let (first, state) = lstm(x[0..<3], nil)
        let (second, (h, c)) = lstm(x[3..<6], (state.0.detach(), state.1.detach()))
        expectClose(Tensor.cat([first, second]).scalars, whole.scalars, rtol: 1e-5, atol: 1e-6)
        expectClose(h.scalars, hWhole.scalars, rtol: 1e-5, atol: 1e-6)
        expectClose(c.scalars, cWhole.scalars, rtol: 1e-5, atol: 1e-6)
        // h_T of the last layer is the last output step.
        expectClose(hWhole[1].scalars, whole[5].scalars, rtol: 0, atol: 0)

        let gru = GRU(inputSize: 3, hiddenSize: 4, numLayers: 2, generator: RandomGenerator(seed: 5))
        let (gruWhole, _) = gru(x, nil)
        let (gruFirst, gruState) = gru(x[0..<3], nil)
        let (gruSecond, _) = gru(x[3..<6], gruState.detach())
        expectClose(Tensor.cat([gruFirst, gruSecond]).scalars, gruWhole.scalars, rtol: 1e-5, atol: 1e-6)
    }

    @Test("no dropout after the last layer: a 1-layer module gives the same output in train and eval")
    func noDropoutAfterLastLayer() {
        let lstm = LSTM(inputSize: 3, hiddenSize: 4, numLayers: 1, dropout: 0.5, generator: RandomGenerator(seed: 7))
        let x = sample([4, 2, 3], seed: 8, requiresGrad: false)
        let training = lstm.train()(x)
        let evaluation = lstm.eval()(x)
        expectClose(training.scalars, evaluation.scalars, rtol: 0, atol: 0)
    }

    @Test("dropout sits between layers: with p → 1 layer 2 sees zeros; eval turns it off")
    func dropoutBetweenLayers() {
        let T = 4, N = 2, I = 3, H = 4
        // p so close to 1 that every element of layer 1's output is dropped (a uniform draw with 24 bits
        // reaches p with probability 2⁻²³ per element): the second layer must then run on zeros.
        let lstm = LSTM(inputSize: I, hiddenSize: H, numLayers: 2, dropout: 0.999_999_9, generator: RandomGenerator(seed: 7))
        let x = sample([T, N, I], seed: 8, requiresGrad: false)
        let zeros = Tensor.zeros([N, H])
        let layerOnZeros = recurrentLayer(
            .lstm, input: Tensor.zeros([T, N, H]), hidden: zeros, cell: zeros,
            weightIH: lstm.weightIH(layer: 1), weightHH: lstm.weightHH(layer: 1),
            biasIH: lstm.biasIH(layer: 1), biasHH: lstm.biasHH(layer: 1)).output
        let training = lstm.train()(x)
        expectClose(training.scalars, layerOnZeros.scalars, rtol: 0, atol: 0)
        #expect(training.scalars.contains { $0 != 0 }, "the last layer's output itself is not dropped")

        // In eval mode the second layer runs on layer 1's real output.
        let layerOne = recurrentLayer(
            .lstm, input: x, hidden: zeros, cell: zeros, weightIH: lstm.weightIH(layer: 0),
            weightHH: lstm.weightHH(layer: 0), biasIH: lstm.biasIH(layer: 0), biasHH: lstm.biasHH(layer: 0)).output
        let layerTwo = recurrentLayer(
            .lstm, input: layerOne, hidden: zeros, cell: zeros, weightIH: lstm.weightIH(layer: 1),
            weightHH: lstm.weightHH(layer: 1), biasIH: lstm.biasIH(layer: 1), biasHH: lstm.biasHH(layer: 1)).output
        expectClose(lstm.eval()(x).scalars, layerTwo.scalars, rtol: 0, atol: 0)
    }

    @Test("dropout 0.5 between layers changes most of the training output")
    func dropoutHalf() {
        let gru = GRU(inputSize: 3, hiddenSize: 64, numLayers: 2, dropout: 0.5, generator: RandomGenerator(seed: 1))
        let x = sample([5, 4, 3], seed: 2, requiresGrad: false)
        let evaluation = gru.eval()(x)
        let training = gru.train()(x)
        let differing = zip(training.scalars, evaluation.scalars).filter { Swift.abs($0 - $1) > 1e-6 }.count
        #expect(differing > training.count / 2)
    }

    @Test("one fused node per layer: the graph of a 2-layer LSTM holds two recurrent records")
    func oneNodePerLayer() {
        let lstm = LSTM(inputSize: 3, hiddenSize: 4, numLayers: 2)
        let x = sample([10, 2, 3], seed: 1)
        let output = lstm(x)
        let names = output.topologicalOrder().compactMap { $0.gradientFunction?.name }
        #expect(names.filter { $0 == "recurrent" }.count == 2)
        #expect(names.count < 10, "no per-step records: \(names)")
    }

    @Test("a state of the wrong shape stops with a message naming both shapes")
    func wrongState() async throws {
        let result = try await #require(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let lstm = LSTM(inputSize: 3, hiddenSize: 4)
            _ = lstm(Tensor.zeros([2, 1, 3]), (Tensor.zeros([1, 2, 4]), Tensor.zeros([1, 2, 4])))
        }
        let message = String(decoding: result.standardErrorContent, as: UTF8.self)
        #expect(message.contains("[1, 2, 4]") && message.contains("[1, 1, 4]"), "message: \(message)")
    }
}
