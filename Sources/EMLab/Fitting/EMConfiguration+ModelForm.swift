extension EMConfiguration {
    /// `start`'s parameters put into the model's form, so that ℓ at the start
    /// belongs to the model and the first step cannot appear to lower it:
    /// `.known(sd)` replaces the sds by `sd`; `.shared` pools them,
    /// σ² = max(Σ π_k σ_k², floor); `.perComponent` floors each,
    /// σ_k² = max(σ_k², floor). Weights and means are kept (with fixed
    /// weights, the start's are the fixed ones).
    ///
    /// - Complexity: O(K).
    func parametersInModelForm(_ start: GaussianMixture) -> (weights: [Double], means: [Double], sds: [Double]) {
        let k = start.componentCount
        let weights = start.weights
        var sds = start.standardDeviations
        switch variance {
        case .known(let sd): sds = Array(repeating: sd, count: k)
        case .shared:
            var pooled = 0.0
            for j in 0..<k { pooled += weights[j] * sds[j] * sds[j] }
            sds = Array(repeating: max(pooled, varianceFloor).squareRoot(), count: k)
        case .perComponent:
            for j in 0..<k { sds[j] = max(sds[j] * sds[j], varianceFloor).squareRoot() }
        }
        return (weights, start.means, sds)
    }
}
