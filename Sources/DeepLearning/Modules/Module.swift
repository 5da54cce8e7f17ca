/// The base class of layers and models, like PyTorch's `nn.Module`.
///
/// Subclasses store their parameters and sub-modules in ordinary stored properties; nothing has to be
/// listed by hand. Reflection (`Mirror`) finds:
/// - parameters: stored `Tensor` properties (also optional, or arrays of tensors) whose `requiresGrad`
///   is true;
/// - buffers: stored `Tensor` properties that do not require gradients (running statistics);
/// - sub-modules: stored `Module` properties, optional modules and arrays of modules.
/// Names follow PyTorch: `"layers.0.weight"`.
///
/// Override `forward(_:)` for a one-input layer; layers with other signatures (recurrent layers with
/// a state) add their own `callAsFunction` overloads.
open class Module {
    /// Whether the module is in training mode (dropout active, batch statistics used).
    public private(set) var isTraining = true

    /// A module with no parameters yet; subclasses declare theirs as stored `Tensor` properties.
    public init() {}

    /// The layer's computation. The base implementation stops with a message naming the class.
    open func forward(_ input: Tensor) -> Tensor {
        preconditionFailure("\(type(of: self)) does not implement forward(_:)")
    }

    /// Runs `forward(_:)`, so a module is called like a function: `model(x)`.
    public func callAsFunction(_ input: Tensor) -> Tensor { forward(input) }

    /// The direct sub-modules with their names, in declaration order.
    open func namedChildren() -> [(String, Module)] {
        var children: [(String, Module)] = []
        forEachStoredProperty { name, value in
            if let module = value as? Module {
                children.append((name, module))
            } else if let modules = value as? [Module] {
                for (index, module) in modules.enumerated() { children.append(("\(name).\(index)", module)) }
            }
        }
        return children
    }

    /// The tensors stored directly in this module (not in sub-modules), with their names.
    func namedDirectTensors() -> [(String, Tensor)] {
        var tensors: [(String, Tensor)] = []
        forEachStoredProperty { name, value in
            if let tensor = value as? Tensor {
                tensors.append((name, tensor))
            } else if let list = value as? [Tensor] {
                for (index, tensor) in list.enumerated() { tensors.append(("\(name).\(index)", tensor)) }
            }
        }
        return tensors
    }

    /// Calls `body` with the name and value of every stored property, the superclasses' first.
    private func forEachStoredProperty(_ body: (String, Any) -> Void) {
        var mirrors: [Mirror] = []
        var mirror: Mirror? = Mirror(reflecting: self)
        while let current = mirror {
            mirrors.append(current)
            mirror = current.superclassMirror
        }
        for current in mirrors.reversed() {
            for child in current.children {
                guard let label = child.label, label != "isTraining" else { continue }
                // Lazy properties appear as "$__lazy_storage_$_name"; property wrappers as "_name".
                let name = label.hasPrefix("$__lazy_storage_$_")
                    ? String(label.dropFirst("$__lazy_storage_$_".count))
                    : label
                body(name, child.value)
            }
        }
    }

    /// Every module in the tree (this one first, named ""), with dotted names.
    public func namedModules() -> [(String, Module)] {
        var result: [(String, Module)] = [("", self)]
        var seen = Set([ObjectIdentifier(self)])
        for (name, child) in namedChildren() {
            for (subName, module) in child.namedModules() where seen.insert(ObjectIdentifier(module)).inserted {
                result.append((subName.isEmpty ? name : "\(name).\(subName)", module))
            }
        }
        return result
    }

    /// Every parameter of the tree with its dotted name (`"0.weight"`), each tensor once.
    public func namedParameters() -> [(String, Tensor)] {
        namedTensors().filter { $0.1.requiresGrad }
    }

    /// Every parameter of the tree, each tensor once (shared/tied weights appear once).
    public func parameters() -> [Tensor] { namedParameters().map(\.1) }

    /// Every buffer (stored tensor without gradients, like running statistics) with its dotted name.
    public func namedBuffers() -> [(String, Tensor)] {
        namedTensors().filter { !$0.1.requiresGrad }
    }

    private func namedTensors() -> [(String, Tensor)] {
        var result: [(String, Tensor)] = []
        var seen = Set<ObjectIdentifier>()
        for (prefix, module) in namedModules() {
            for (name, tensor) in module.namedDirectTensors() where seen.insert(ObjectIdentifier(tensor)).inserted {
                result.append((prefix.isEmpty ? name : "\(prefix).\(name)", tensor))
            }
        }
        return result
    }

    /// Sets training mode on this module and every sub-module (`module.train(mode)`).
    @discardableResult
    public func train(_ mode: Bool = true) -> Self {
        for (_, module) in namedModules() { module.isTraining = mode }
        return self
    }

    /// Sets evaluation mode on this module and every sub-module (`module.eval()`).
    @discardableResult
    public func eval() -> Self { train(false) }

    /// Drops the gradients of every parameter.
    public func zeroGrad() {
        for parameter in parameters() { parameter.grad = nil }
    }

    /// The number of scalar parameters.
    public var parameterCount: Int { parameters().reduce(0) { $0 + $1.count } }
}
