// The reputation interface: each agent's own view of its peers, and how experience and gossip change it.
//
// Views are numbers in [0, 1]; an agent has no entry for a stranger, who counts as the model's initial value
// (0.5 by default). Models are pluggable: the simulation talks to this interface only, and a scenario names the
// model it wants (see makeReputationModel).
#pragma once

#include "catalog.h"
#include "message.h"

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace haggle {

enum class ReputationCause : std::uint8_t {
    Fulfilled, // the subject kept its side of a deal with the observer
    Defaulted, // the subject defaulted on the observer
    Report, // a peer told the observer its view of the subject (REPUTATION_RESPONSE)
};

struct ReputationChange {
    AgentIndex observer = NoAgent;
    AgentIndex subject = NoAgent;
    double before = 0.0;
    double after = 0.0;
    ReputationCause cause = ReputationCause::Fulfilled;

    bool operator==(const ReputationChange&) const = default;
};

// Gossip: at each round's end, every agent that dealt this round shares, with `probability`, its views of this
// round's partners with `fanout` peers drawn at random (GOSSIP messages); each listener takes them as witness reports
// (ReputationModel::recordReport() with the teller as witness). With `below` under 1 only warnings travel: views
// below that level. Off (probability 0) by default. A pipeline stage of its own (gossip.h), so every model can be
// studied with and without it.
struct GossipSettings {
    double probability = 0.0; // in [0, 1]
    int fanout = 1; // listeners per teller, in [1, MaxGossipFanout]
    double below = 1.0; // in [0, 1]: share only views below this; 1 shares every view

    // Whether a teller shares this report.
    bool shares(double report) const noexcept { return below >= 1.0 || report < below; }

    bool operator==(const GossipSettings&) const = default;
};
inline constexpr int MaxGossipFanout = 64;

// The model a scenario chooses: a reputation catalog kind (reputationCatalog(), kinds.h) and its parameter values.
struct ReputationSettings {
    std::string model = "baseline";
    ParameterValues params; // given explicitly; the rest take the kind's defaults
    // Agent ids of the pre-trusted peers a model may start from (EigenTrust's p vector); a model whose catalog entry
    // needs PretrustedPeers refuses an empty list.
    std::vector<std::string> pretrusted;
    GossipSettings gossip;

    bool operator==(const ReputationSettings&) const = default;
};

// What a reputation kind's catalog entry lists in KindInfo::protocols when it needs pre-trusted peers.
inline constexpr std::string_view PretrustedPeers = "pretrusted-peers";

// What a model is made for besides its parameters: the population's pre-trusted peers, as agent indices (sorted,
// distinct), resolved from ReputationSettings::pretrusted.
struct ReputationSetup {
    std::vector<AgentIndex> pretrusted;
};

class ReputationModel {
public:
    virtual ~ReputationModel() = default;

    virtual std::string_view name() const noexcept = 0;
    virtual std::unique_ptr<ReputationModel> clone() const = 0;

    // Forget everything; the population has agentCount agents (indices 0 .. agentCount-1).
    virtual void reset(std::size_t agentCount) = 0;
    // The observer's view of the subject (the initial value for a stranger).
    virtual double view(AgentIndex observer, AgentIndex subject) const = 0;
    // view(observer, subjects[i]) into out[i] for each i (out holds at least as many): a canvass asks for a dozen at
    // once, and a model may answer them in one pass. The default calls view().
    virtual void views(AgentIndex observer, std::span<const AgentIndex> subjects, double* out) const;
    // A hint that view(observer, subject) follows soon: a model may start loading it (no effect on results).
    virtual void prefetch(AgentIndex /*observer*/, AgentIndex /*subject*/) const noexcept { }
    // A hint that the observer's table is used soon (where to look in it is not known yet).
    virtual void prefetchTable(AgentIndex /*observer*/) const noexcept { }
    // A hint that recordDeal() or recordReport() for this pair follows soon.
    virtual void prefetchUpdate(AgentIndex /*observer*/, AgentIndex /*subject*/) const noexcept { }
    // The observer completed a deal with the subject, who fulfilled its side or defaulted.
    virtual ReputationChange recordDeal(AgentIndex observer, AgentIndex subject, bool fulfilled) = 0;
    // A peer (the witness) reported its own view of the subject to the observer: the answer to a query, or gossip.
    // A model may weigh the report by the observer's trust in the witness (NoAgent: a witness it cannot place).
    virtual ReputationChange recordReport(AgentIndex observer, AgentIndex subject, double reported, AgentIndex witness)
        = 0;
    // The subject has left and rejoined under a new identity (a whitewasher): every other agent's view of it is the
    // stranger's again, as if none had met it. Its own views of others are kept (it remembers). Rare: a model may
    // take time in the population's size.
    virtual void forget(AgentIndex subject) = 0;
    // The round is over. A model that works on the whole population at once (EigenTrust: a power iteration over
    // everyone's local trust) recomputes here. Returns whether views changed other than through this round's
    // recordDeal() and recordReport() calls: then every agent's summary is refreshed, not only theirs.
    virtual bool endRound(int /*round*/) { return false; }
    // Mean of every other agent's view of the subject, strangers counted at the initial value. It may change only
    // through recordDeal() or recordReport() with this subject, or in an endRound() that says so: the simulation
    // updates its per-agent summary from those alone.
    virtual double meanViewOf(AgentIndex subject) const = 0;
    // The observer's explicit entries (peers it has a view of), ordered by peer index.
    virtual std::vector<std::pair<AgentIndex, double>> table(AgentIndex observer) const = 0;
    // A 64-bit digest of the observer's entries that does not depend on their order (for Simulation::stateHash();
    // equal tables give equal digests). The default digests table(); models override it to skip the copy.
    virtual std::uint64_t tableDigest(AgentIndex observer) const;
    // Bytes of the model's tables (ReputationTables::storageBytes()): mapped outside the heap, at most what the
    // system may have backed (heap statistics do not see it), or packed.
    virtual std::size_t storageBytes() const noexcept { return 0; }
    // Packs the model's tables (ReputationTables::pack()) for a copy that is only kept (a checkpoint): it answers
    // nothing until copied, and its copies (clone()) are whole.
    virtual void pack() { }
};

// The digest tableDigest() sums, wrapping, over an observer's entries.
std::uint64_t reputationEntryDigest(AgentIndex subject, double value) noexcept;

// The model the settings name, from the catalog; throws std::invalid_argument for an unknown name, a bad parameter
// or a missing pre-trusted set.
std::unique_ptr<ReputationModel> makeReputationModel(const ReputationSettings& settings, const ReputationSetup& setup);
// What a model of these settings thinks of a stranger before anyone has dealt (the deal graph draws agents without a
// view so).
double strangerReputation(const ReputationSettings& settings);

} // namespace haggle
