// The EigenTrust reputation model (Kamvar, Schlosser & Garcia-Molina 2003, "The EigenTrust Algorithm for Reputation
// Management in P2P Networks"): one global trust value per agent, the stationary point of everyone's normalised local
// trust, anchored to a set of pre-trusted peers. Every agent sees the same views.
//
// Local trust (per observer i and subject j, from i's own deals with j):
//   s_ij = sat_ij - unsat_ij                              (kept deals minus defaults)
//   c_ij = max(s_ij, 0) / sum_k max(s_ik, 0)              (i's row of C; i trusts nobody positively: c_ij = p_j)
//   p_j  = 1 / |P| for the pre-trusted peers P (ReputationSetup::pretrusted), 0 for the others
// Global trust, at each round's end (endRound(), when any local trust changed since the last), by power iteration:
//   t(0) = p,   t(k+1) = (1 - a) C^T t(k) + a p,   until sum_j |t(k+1)_j - t(k)_j| < epsilon or max_iterations
// t is a probability vector (its entries add up to 1); the trust of an agent nobody reachable from P trusts is 0.
//
// Views. Global trust is a share of the whole, so it is mapped to the [0, 1] scale that thresholds read:
//   view(j) = min(1, N x t_j / 2)       (N agents: an average share, t_j = 1/N, is 0.5, a stranger's view elsewhere)
// except for an agent nobody with a say has dealt with yet: view(j) = `initial` while no observer i with t_i > 0 has a
// deal with j on record (sat_ij + unsat_ij > 0). Without that rule every trader nobody has vouched for would drop to
// 0 at its first deal, kept or not (trust flows only from P along positive local trust, and nobody trusts a newcomer
// yet), and a market whose pre-trusted peers have not traded yet would freeze; with it, a newcomer is a stranger until
// someone whose opinion counts has met it, and is then rated by its share. An always-cheater met by such an observer
// earns no positive local trust and gets view 0.
//
// Reports change nothing (recordReport returns an unchanged ReputationChange): EigenTrust already aggregates every
// agent's local trust, weighted by each one's own global trust, so a witness's word is in the views once it has dealt.
// Views change only in endRound() (which then returns true) and in forget().
//
// Storage: sat and unsat are ReputationTables; C is rebuilt at a round's end (only when local trust changed),
// transposed in compressed rows over the pairs that have dealt, so an iteration costs O(N + E) (E: such pairs) and
// there is no allocation once the market has met its partners.
#pragma once

#include "catalog.h"
#include "reputation.h"
#include "reputationtables.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace haggle {

struct EigenTrustSettings {
    double preTrustWeight = 0.2; // a: the share of trust each iteration returns to the pre-trusted peers
    double epsilon = 1e-9; // stop when the L1 change of t is below this
    int maxIterations = 100; // or after this many iterations
    double initial = 0.5; // the view of an agent no one with a say has dealt with
};

class EigenTrustReputation final : public ReputationModel {
public:
    using Settings = EigenTrustSettings;
    // Its catalog entry (parameters a, epsilon, max_iterations, initial; needs PretrustedPeers) and the settings its
    // parameters give.
    static KindInfo kind();
    static Settings settingsFrom(const Parameters& params);

    // Throws std::invalid_argument for settings outside the catalog's ranges or no pre-trusted peer.
    EigenTrustReputation(const Settings& settings, std::vector<AgentIndex> pretrusted);
    std::string_view name() const noexcept override { return "eigentrust"; }
    std::unique_ptr<ReputationModel> clone() const override { return std::make_unique<EigenTrustReputation>(*this); }
    // Throws std::out_of_range when a pre-trusted peer is outside the population.
    void reset(std::size_t agentCount) override;
    double view(AgentIndex observer, AgentIndex subject) const override;
    ReputationChange recordDeal(AgentIndex observer, AgentIndex subject, bool fulfilled) override;
    ReputationChange recordReport(
        AgentIndex observer, AgentIndex subject, double reported, AgentIndex witness) override;
    void forget(AgentIndex subject) override;
    bool endRound(int round) override;
    double meanViewOf(AgentIndex subject) const override;
    // The observer's local-trust peers (those it has a deal with on record), each with its global view.
    std::vector<std::pair<AgentIndex, double>> table(AgentIndex observer) const override;
    std::uint64_t tableDigest(AgentIndex observer) const override;
    std::size_t storageBytes() const noexcept override;
    void pack() override;

    // The global trust t_j of the last computation (p_j before the first), and that computation's iterations.
    double globalTrust(AgentIndex subject) const { return m_trust.at(subject); }
    int lastIterations() const noexcept { return m_iterations; }

private:
    // Rebuilds C from the local trust, iterates to t, and maps t to the views.
    void computeGlobalTrust();
    // sat_ij + unsat_ij > 0: i has a deal with j on record.
    bool hasDealt(AgentIndex observer, AgentIndex subject) const;

    Settings m_settings;
    std::vector<AgentIndex> m_pretrusted; // sorted, distinct
    ReputationTables m_satisfied; // sat_ij
    ReputationTables m_unsatisfied; // unsat_ij
    std::vector<std::vector<AgentIndex>> m_peers; // per observer, the subjects of its entries, in the order first met
    bool m_localTrustChanged = false; // since the last computation

    // C^T in compressed rows, for the observers with positive local trust: the entries of target j are
    // m_inSource[m_inStart[j] .. m_inStart[j + 1]) (the observers i, ascending) with weights c_ij in m_inWeight, so
    // each iteration gathers into t(k+1)_j in one pass. Observers without positive local trust are listed in
    // m_idle (their row is p). Rebuilt only when local trust changed; kept to spare allocations.
    std::vector<std::size_t> m_inStart;
    std::vector<AgentIndex> m_inSource;
    std::vector<double> m_inWeight;
    std::vector<AgentIndex> m_idle;
    std::vector<double> m_localTrust; // max(s_ij, 0) over every observer's peers in turn, while C is built
    std::vector<double> m_rowTotal; // sum_j max(s_ij, 0) per observer, while C is built
    std::vector<std::size_t> m_cursor; // per target, where its next entry goes, while C is built
    std::vector<double> m_preTrust; // p
    std::vector<double> m_trust; // t
    std::vector<double> m_next; // t(k+1) while iterating
    std::vector<char> m_known; // someone with t_i > 0 has dealt with j
    std::vector<double> m_view; // per subject: the view every agent has of it
    int m_iterations = 0;
};

} // namespace haggle
