// Colluder: a member of a colluding ring. Ring members vouch for each other (asked about a member, or gossiping about
// one, a colluder reports 1, whatever it saw), never cheat each other, and cheat outsiders like the cheater.
// Agents whose colluder strategies have the same `ring` number form one ring.
#pragma once

#include "catalog.h"
#include "cheaterstrategy.h"

namespace haggle {

class Colluder : public CheaterStrategy {
public:
    static KindInfo kind();
    Colluder(double cheatProbability, int ring);

    std::string_view name() const noexcept override { return "colluder"; }
    std::unique_ptr<Strategy> clone() const override { return std::make_unique<Colluder>(*this); }
    bool defaultsOnDeal(const DefaultView& view, Rng& rng) override;
    int ring() const override { return m_ring; }
    double report(double ownView, bool subjectInRing) const override;

private:
    int m_ring;
};

} // namespace haggle
