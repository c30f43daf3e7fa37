// Whitewasher: cheats like the cheater and, once shunned, leaves and rejoins under a new identity that nobody has a
// view of (the reputation model forgets it: ReputationModel::forget()).
//
// After it has defaulted at least once under its current identity, it rejoins at the end of any round in which it
// has gone `patience` rounds without a deal. The run counts its identities (Agent::identity()).
#pragma once

#include "catalog.h"
#include "cheaterstrategy.h"

namespace haggle {

class Whitewasher : public CheaterStrategy {
public:
    static KindInfo kind();
    Whitewasher(double cheatProbability, int patience);

    std::string_view name() const noexcept override { return "whitewasher"; }
    std::unique_ptr<Strategy> clone() const override { return std::make_unique<Whitewasher>(*this); }
    bool defaultsOnDeal(const DefaultView& view, Rng& rng) override;
    bool wantsNewIdentity(const IdentityView& view) override;
    void onNewIdentity() override { m_cheated = false; }
    bool changesIdentity() const override { return true; }
    std::uint64_t stateDigest() const noexcept override { return m_cheated ? 1 : 0; }

private:
    int m_patience;
    bool m_cheated = false; // under the current identity
};

} // namespace haggle
