/// One step of an alignment of two lists of lines: a line in both, or in one only.
enum LineStep: Equatable {
    /// Lines that are equal (under the alignment's rule): the old one and the new one.
    case same(old: String, new: String)
    case removed(String)
    case added(String)
}

/// The longest common subsequence of `old` and `new` under `equal`, as steps in order; within a run of
/// changes, removals come before additions.
func alignLines(_ old: [String], _ new: [String], equal: (_ old: String, _ new: String) -> Bool) -> [LineStep] {
    let n = old.count, m = new.count
    var table = Array(repeating: Array(repeating: 0, count: m + 1), count: n + 1)
    for i in stride(from: n - 1, through: 0, by: -1) {
        for j in stride(from: m - 1, through: 0, by: -1) {
            table[i][j] = equal(old[i], new[j]) ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
        }
    }
    var steps: [LineStep] = []
    var removed: [LineStep] = [], added: [LineStep] = []
    var i = 0, j = 0
    while i < n || j < m {
        if i < n, j < m, equal(old[i], new[j]), table[i][j] == table[i + 1][j + 1] + 1 {
            steps += removed + added
            removed = []; added = []
            steps.append(.same(old: old[i], new: new[j]))
            i += 1; j += 1
        } else if j < m, i == n || table[i][j + 1] >= table[i + 1][j] {
            added.append(.added(new[j])); j += 1
        } else {
            removed.append(.removed(old[i])); i += 1
        }
    }
    return steps + removed + added
}
