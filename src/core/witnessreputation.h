// The witness reputation model, after FIRE (Huynh, Jennings & Shadbolt 2006, "An integrated trust and reputation
// model for open multi-agent systems"): an agent rates a peer from two components, its own outcomes with the peer
// (FIRE's interaction trust) and what witnesses told it (FIRE's witness reputation), each a recency-weighted mean of
// ratings, combined with weights that grow with each component's amount of rating (FIRE's reliability rho).
//
// Ratings are numbers in [0, 1]: an own outcome is 1 (the peer kept the deal) or 0 (it defaulted); a witness's report
// is its view v (clamped to [0, 1]). Per observer i and subject j, four decayed sums (0 for a stranger):
//   own outcome o (1 or 0)        Dv <- decay x Dv + o               Dn <- decay x Dn + 1
//   report v from witness w       Wv <- decay x Wv + tau_w x v       Wn <- decay x Wn + tau_w
// where tau_w, i's trust in the witness, is i's direct view of w (below; `initial` for a witness i has no outcomes
// with, and for NoAgent). A new rating ages the earlier ratings of its own component by `decay` (FIRE's recency
// weight, counted in ratings rather than time; 1 forgets nothing): reports never wear away one's own experience.
//
//   view(i, j)   = (k x initial + Dv + beta x Wv) / (k + Dn + beta x Wn)
//   direct(i, w) = (k x initial + Dv(i, w)) / (k + Dn(i, w))          (the same without witnesses)
// with k = `prior_weight` and beta = `witness_weight`. That is FIRE's weighted mean of components,
//   view = rho_0 x initial + rho_D x (Dv / Dn) + rho_W x (Wv / Wn),
//   rho_D = Dn / T, rho_W = beta x Wn / T, rho_0 = k / T,  T = k + Dn + beta x Wn,
// each component's weight growing with its (decayed) number of ratings, and the stranger's benefit of the doubt
// (`initial`, worth k ratings) fading as evidence comes. A trusted witness (tau near 1) moves a view up to
// beta x its report's worth; a distrusted one (tau near 0) hardly at all.
//
// At the defaults (initial 0.5, k 1, beta 0.5, decay 0.95) one default drops a stranger to 0.25 (below the wrapper's
// 0.3), one kept deal lifts it to 0.75, and a report of 0 from a stranger witness (tau 0.5) drops it to 0.4.
// Five ReputationTables hold Dv, Dn, Wv, Wn and the view (the view's table gives meanViewOf() and table()).
#pragma once

#include "catalog.h"
#include "reputation.h"
#include "reputationtables.h"

#include <cstdint>
#include <memory>

namespace haggle {

struct WitnessSettings {
    double initial = 0.5; // a stranger's view, and the prior's rating
    double priorWeight = 1.0; // k: the prior's weight, in ratings
    double witnessWeight = 0.5; // beta: a fully trusted witness's report against one own outcome
    double decay = 0.95; // each new rating of a component multiplies its earlier ones by this
};

class WitnessReputation final : public ReputationModel {
public:
    using Settings = WitnessSettings;
    // Its catalog entry (parameters initial, prior_weight, witness_weight, decay) and the settings its parameters
    // give.
    static KindInfo kind();
    static Settings settingsFrom(const Parameters& params);

    // Throws std::invalid_argument for settings outside the catalog's ranges.
    explicit WitnessReputation(const Settings& settings = {});
    std::string_view name() const noexcept override { return "witness"; }
    std::unique_ptr<ReputationModel> clone() const override { return std::make_unique<WitnessReputation>(*this); }
    void reset(std::size_t agentCount) override;
    double view(AgentIndex observer, AgentIndex subject) const override;
    void views(AgentIndex observer, std::span<const AgentIndex> subjects, double* out) const override;
    void prefetch(AgentIndex observer, AgentIndex subject) const noexcept override;
    void prefetchTable(AgentIndex observer) const noexcept override;
    void prefetchUpdate(AgentIndex observer, AgentIndex subject) const noexcept override;
    ReputationChange recordDeal(AgentIndex observer, AgentIndex subject, bool fulfilled) override;
    ReputationChange recordReport(
        AgentIndex observer, AgentIndex subject, double reported, AgentIndex witness) override;
    void forget(AgentIndex subject) override;
    double meanViewOf(AgentIndex subject) const override;
    std::vector<std::pair<AgentIndex, double>> table(AgentIndex observer) const override;
    std::uint64_t tableDigest(AgentIndex observer) const override;
    std::size_t storageBytes() const noexcept override;
    void pack() override;

    // The observer's view of the subject from its own outcomes only: its trust in the subject as a witness.
    double directView(AgentIndex observer, AgentIndex witness) const;

private:
    // The view from the four sums of a pair.
    double combined(double dv, double dn, double wv, double wn) const noexcept;
    ReputationChange rate(AgentIndex observer, AgentIndex subject, ReputationCause cause);

    Settings m_settings;
    ReputationTables m_directSum; // Dv: decayed sum of own outcomes (1 kept, 0 defaulted)
    ReputationTables m_directCount; // Dn: decayed number of own outcomes
    ReputationTables m_witnessSum; // Wv: decayed sum of tau_w x v over reports
    ReputationTables m_witnessWeight; // Wn: decayed sum of tau_w over reports
    ReputationTables m_view; // combined(Dv, Dn, Wv, Wn)
};

} // namespace haggle
