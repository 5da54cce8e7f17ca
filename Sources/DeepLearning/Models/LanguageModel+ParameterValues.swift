extension LanguageModel {
    /// A copy of every parameter's values, in `parameters()` order (a tied weight once). Cheap to take:
    /// each array is shared until the next optimizer step writes its parameter.
    public func parameterValues() -> [[Float]] { parameters().map(\.scalars) }

    /// Puts back values taken by `parameterValues()` from this model or one of the same configuration.
    ///
    /// - Precondition: one array per parameter, each with the parameter's element count.
    public func loadParameterValues(_ values: [[Float]]) {
        let parameters = parameters()
        precondition(
            values.count == parameters.count && zip(values, parameters).allSatisfy { $0.count == $1.count },
            "loadParameterValues: \(values.count) arrays of \(values.map(\.count)) elements do not fit the parameters \(parameters.map(\.shape))")
        for (parameter, value) in zip(parameters, values) { parameter.scalars = value }
    }
}
