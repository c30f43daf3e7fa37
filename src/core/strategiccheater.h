// Strategic cheater (the prototype's "adaptive cheater", as the issue of cheating research frames it): negotiates like
// the cheater, and defaults only while its standing with the partner is comfortably above the trust threshold it
// expects peers to use.
//
//   defaults  iff  standing >= threshold + margin  and  a draw with cheat_probability succeeds
//
// where standing is the partner's view of it (DefaultView::standing). Below that it behaves and rebuilds its standing,
// so with a margin larger than one default's drop it is never refused.
#pragma once

#include "catalog.h"
#include "cheaterstrategy.h"

namespace haggle {

class StrategicCheater : public CheaterStrategy {
public:
    static KindInfo kind();
    StrategicCheater(double cheatProbability, double threshold, double margin);

    std::string_view name() const noexcept override { return "strategic-cheater"; }
    std::unique_ptr<Strategy> clone() const override { return std::make_unique<StrategicCheater>(*this); }
    bool defaultsOnDeal(const DefaultView& view, Rng& rng) override;

private:
    double m_threshold;
    double m_margin;
};

} // namespace haggle
