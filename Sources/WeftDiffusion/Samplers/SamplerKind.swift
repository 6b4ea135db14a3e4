/// The samplers of ComfyUI's KSampler node that Weft runs, by ComfyUI's own names (`sampler_name`): each integrates
/// the reverse diffusion from the first sigma down to the last, calling the denoiser once or twice per step.
public enum SamplerKind: String, Sendable, CaseIterable {
    /// Euler steps along the probability-flow ODE (Karras et al. 2022, algorithm 2 without churn).
    case euler
    /// Euler steps to a lower noise level, then fresh noise from the seed's generator up to the next sigma.
    case eulerAncestral = "euler_ancestral"
    /// Heun's second-order method: an Euler step, then a correction with the derivative at its end (two model
    /// evaluations per step but the last).
    case heun
    /// DPM-Solver-2 style midpoint steps in log sigma (two model evaluations per step but the last).
    case dpm2 = "dpm_2"
    /// `dpm2` towards the ancestral step's lower sigma, then fresh noise from the seed's generator.
    case dpm2Ancestral = "dpm_2_ancestral"
    /// Linear multistep: up to four past derivatives combined with Lagrange-polynomial weights.
    case lms
    /// DPM-Solver++(2M): second-order multistep in log sigma, one model evaluation per step.
    case dpmpp2M = "dpmpp_2m"
    /// DPM-Solver++(2M) SDE with the midpoint correction, noise from a Brownian tree seeded with the seed.
    case dpmpp2MSDE = "dpmpp_2m_sde"
    /// DPM-Solver++ (stochastic, two stages per step), noise from a Brownian tree seeded with the seed.
    case dpmppSDE = "dpmpp_sde"
    /// DPM-Solver++(2S) single-step second-order steps to the ancestral step's lower sigma, then fresh noise.
    case dpmpp2SAncestral = "dpmpp_2s_ancestral"
    /// ComfyUI's "ddim": the Euler sampler (with random inpainting noise, which only matters with a noise mask).
    case ddim
    /// UniPC (B(h) = h variant) multistep predictor–corrector of order up to 3, in variance-preserving scaling.
    case uniPC = "uni_pc"
    /// Latent consistency sampling: jump to the prediction, re-noise to the next sigma with the seed's generator.
    case lcm

    /// Whether ComfyUI's KSampler gives this sampler the schedule for one step more and drops that schedule's
    /// penultimate sigma (`dpm_2`, `dpm_2_ancestral` and `uni_pc`), so their last step starts lower.
    public var discardsPenultimateSigma: Bool {
        switch self {
        case .dpm2, .dpm2Ancestral, .uniPC: true
        default: false
        }
    }
}
