import OrderedCollections

/// The link structure of a ``Workflow`` as integer adjacency lists, for ordering and cycle finding
/// without recursion.
struct WorkflowTopology {
    /// Node ids by index, in document order.
    let ids: [NodeID]
    /// For each node index, the indexes of the nodes it links to (its sources), one per link.
    let sources: [[Int]]

    init(_ workflow: Workflow) {
        ids = Array(workflow.nodes.keys)
        var indexOf: [NodeID: Int] = [:]
        indexOf.reserveCapacity(ids.count)
        for (index, id) in ids.enumerated() { indexOf[id] = index }
        sources = workflow.nodes.values.map { node in
            node.inputs.values.compactMap { input in
                if case .link(let source, _) = input { return indexOf[source] }
                return nil
            }
        }
    }

    /// Node indexes with every source before the nodes that read it, or nil when the links form a cycle.
    var order: [Int]? {
        let ordered = orderableNodes()
        return ordered.count == ids.count ? ordered : nil
    }

    /// The ids along one cycle, in data-flow order (each feeds the next), or nil when there is none.
    var cycle: [NodeID]? {
        var removed = [Bool](repeating: false, count: ids.count)
        for node in orderableNodes() { removed[node] = true }
        // Every node left over has a source that is left over too: walk sources until a node repeats.
        guard var current = removed.firstIndex(of: false) else { return nil }
        var seenAt: [Int: Int] = [:]
        var walk: [Int] = []
        while seenAt[current] == nil {
            seenAt[current] = walk.count
            walk.append(current)
            current = sources[current].first { !removed[$0] }!
        }
        return walk[seenAt[current]!...].reversed().map { ids[$0] }
    }

    /// Marks the given nodes and every node they link to, directly or not.
    func ancestors(of roots: [Int]) -> [Bool] {
        var seen = [Bool](repeating: false, count: ids.count)
        var stack = roots
        for root in roots { seen[root] = true }
        while let node = stack.popLast() {
            for source in sources[node] where !seen[source] {
                seen[source] = true
                stack.append(source)
            }
        }
        return seen
    }

    /// Kahn's algorithm: every node that does not sit on or behind a cycle, sources first.
    private func orderableNodes() -> [Int] {
        var consumers = [[Int]](repeating: [], count: ids.count)
        var unmet = [Int](repeating: 0, count: ids.count)
        for (node, nodeSources) in sources.enumerated() {
            unmet[node] = nodeSources.count
            for source in nodeSources { consumers[source].append(node) }
        }
        var order = (0..<ids.count).filter { unmet[$0] == 0 }
        order.reserveCapacity(ids.count)
        var cursor = 0
        while cursor < order.count {
            for consumer in consumers[order[cursor]] {
                unmet[consumer] -= 1
                if unmet[consumer] == 0 { order.append(consumer) }
            }
            cursor += 1
        }
        return order
    }
}
