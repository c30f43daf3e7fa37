// The Beta reputation model (Josang & Ismail 2002, "The Beta Reputation System"): each agent counts the evidence it
// has about each peer, positive r and negative s, and rates the peer by the expected value of the Beta distribution
// that evidence gives.
//
// Formulas (per observer and subject; r = s = 0 for a stranger; lambda is `forgetting`, w is `report_weight`, a and b
// are `prior_positive` and `prior_negative`):
//   kept deal         r <- lambda x r + 1,        s <- lambda x s
//   default           r <- lambda x r,            s <- lambda x s + 1
//   report v (0..1)   r <- lambda x r + w x v,    s <- lambda x s + w x (1 - v)
//   view              (r + a) / (r + s + a + b)   (a = b = 1: the paper's expected value (r + 1) / (r + s + 2))
// Every new piece of evidence first discounts the old by lambda (the paper's forgetting factor): 1 keeps everything,
// 0 remembers only the last. A stranger is rated a / (a + b) (0.5 at the defaults).
//
// Reports: the paper combines another agent's Beta evidence with one's own by adding its r and s. A report here is
// only the witness's view v (a number in [0, 1], clamped there), so it counts as report_weight outcomes split v for and
// 1 - v against: an ordinary outcome's worth of evidence at weight 1, and it is discounted like any evidence. Who the
// witness is does not matter (the witness model weighs witnesses).
//
// At the defaults (lambda 1, priors 1 and 1, report weight 0.5) one default drops a stranger to 1/3 and a second to
// 1/4; twenty kept deals and one default leave 21/23. Three ReputationTables hold r, s and the view itself (the view's
// table gives meanViewOf(), the tables' digests tableDigest()).
#pragma once

#include "catalog.h"
#include "reputation.h"
#include "reputationtables.h"

#include <cstdint>
#include <memory>

namespace haggle {

struct BetaSettings {
    double forgetting = 1.0; // lambda: old evidence is multiplied by it before each new piece
    double priorPositive = 1.0; // a
    double priorNegative = 1.0; // b
    double reportWeight = 0.5; // w: a report's weight in outcomes
};

class BetaReputation final : public ReputationModel {
public:
    using Settings = BetaSettings;
    // Its catalog entry (parameters forgetting, prior_positive, prior_negative, report_weight) and the settings its
    // parameters give.
    static KindInfo kind();
    static Settings settingsFrom(const Parameters& params);

    // Throws std::invalid_argument for settings outside the catalog's ranges or priors that add up to 0 (a stranger's
    // view would be 0/0).
    explicit BetaReputation(const Settings& settings = {});
    std::string_view name() const noexcept override { return "beta"; }
    std::unique_ptr<ReputationModel> clone() const override { return std::make_unique<BetaReputation>(*this); }
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

    // The evidence the observer holds about the subject (0 for a stranger).
    double positiveEvidence(AgentIndex observer, AgentIndex subject) const;
    double negativeEvidence(AgentIndex observer, AgentIndex subject) const;

private:
    // The Beta distribution's expected value with the priors: (r + a) / (r + s + a + b).
    double expectedValue(double r, double s) const noexcept;
    // Discounts the observer's evidence about the subject by lambda, adds `positive` and `negative`, and rates anew.
    ReputationChange addEvidence(
        AgentIndex observer, AgentIndex subject, double positive, double negative, ReputationCause cause);

    Settings m_settings;
    double m_stranger; // expectedValue(0, 0)
    ReputationTables m_positive; // r
    ReputationTables m_negative; // s
    ReputationTables m_view; // expectedValue(r, s)
};

} // namespace haggle
