// The engine's built-in kinds, registered once each (see kinds.h).
#include "kinds.h"

#include "adaptivestrategy.h"
#include "arbitrageur.h"
#include "baselinereputation.h"
#include "betareputation.h"
#include "bilateralmechanism.h"
#include "brokerstrategy.h"
#include "cheaterstrategy.h"
#include "coalitionmechanism.h"
#include "colluder.h"
#include "doubleauction.h"
#include "eigentrustreputation.h"
#include "fairstrategy.h"
#include "futuresmechanism.h"
#include "greedystrategy.h"
#include "interruptible.h"
#include "learningnegotiator.h"
#include "leasesettlement.h"
#include "llmnegotiator.h"
#include "noreputation.h"
#include "offerdemand.h"
#include "patientstrategy.h"
#include "postedprice.h"
#include "reverseauction.h"
#include "sealedbidauction.h"
#include "strategiccheater.h"
#include "timedependentstrategy.h"
#include "titfortatstrategy.h"
#include "truthfulstrategy.h"
#include "whitewasher.h"
#include "witnessreputation.h"
#include "zerointelligence.h"

#include <algorithm>
#include <stdexcept>

namespace haggle {

Catalog<Strategy>& strategyCatalog()
{
    static Catalog<Strategy> catalog = [] {
        Catalog<Strategy> c("strategy");
        c.add(GreedyStrategy::kind(),
            [](const Parameters& p) { return std::make_unique<GreedyStrategy>(p["greed_factor"]); });
        c.add(FairStrategy::kind(),
            [](const Parameters& p) { return std::make_unique<FairStrategy>(p["fairness_tolerance"]); });
        c.add(PatientStrategy::kind(),
            [](const Parameters& p) { return std::make_unique<PatientStrategy>(p["patience"], p["impatience"]); });
        c.add(AdaptiveStrategy::kind(), [](const Parameters& p) {
            return std::make_unique<AdaptiveStrategy>(
                p["learning_rate"], p["initial_belief"], p["tolerance"], p["limit"]);
        });
        c.add(BrokerStrategy::kind(),
            [](const Parameters& p) { return std::make_unique<BrokerStrategy>(p["commission_rate"]); });
        c.add(CheaterStrategy::kind(),
            [](const Parameters& p) { return std::make_unique<CheaterStrategy>(p["cheat_probability"]); });
        c.add(StrategicCheater::kind(), [](const Parameters& p) {
            return std::make_unique<StrategicCheater>(p["cheat_probability"], p["threshold"], p["margin"]);
        });
        c.add(Whitewasher::kind(), [](const Parameters& p) {
            return std::make_unique<Whitewasher>(p["cheat_probability"], p.integer("patience"));
        });
        c.add(Colluder::kind(),
            [](const Parameters& p) { return std::make_unique<Colluder>(p["cheat_probability"], p.integer("ring")); });
        c.add(TimeDependentStrategy::kind(),
            [](const Parameters& p) { return TimeDependentStrategy::make("time-dependent", p); });
        c.add(TimeDependentStrategy::boulwareKind(),
            [](const Parameters& p) { return TimeDependentStrategy::make("boulware", p); });
        c.add(TimeDependentStrategy::concederKind(),
            [](const Parameters& p) { return TimeDependentStrategy::make("conceder", p); });
        c.add(TitForTatStrategy::kind(), [](const Parameters& p) {
            return std::make_unique<TitForTatStrategy>(p["p_min"], p["p_max"], p["initial_concession"]);
        });
        c.add(QLearningStrategy::kind(), [](const Parameters& p) {
            return std::make_unique<QLearningStrategy>(QLearningStrategy::settingsFrom(p));
        });
        c.add(ZeroIntelligenceStrategy::unconstrainedKind(), [](const Parameters& p) {
            return std::make_unique<ZeroIntelligenceStrategy>(false, p["ceiling"], p["cheat_probability"]);
        });
        c.add(ZeroIntelligenceStrategy::constrainedKind(), [](const Parameters& p) {
            return std::make_unique<ZeroIntelligenceStrategy>(true, p["ceiling"], p["cheat_probability"]);
        });
        c.add(Arbitrageur::kind(),
            [](const Parameters& p) { return std::make_unique<Arbitrageur>(p["margin"], p["cheat_probability"]); });
        c.add(TruthfulStrategy::kind(),
            [](const Parameters& p) { return std::make_unique<TruthfulStrategy>(p["shade"], p["cheat_probability"]); });
        c.add(LlmNegotiator::kind(), [](const Parameters&) { return std::make_unique<LlmNegotiator>(); });
        return c;
    }();
    return catalog;
}

Catalog<Mechanism>& mechanismCatalog()
{
    static Catalog<Mechanism> catalog = [] {
        Catalog<Mechanism> c("mechanism");
        c.add(BilateralMechanism::kind(),
            [](const Parameters& p) { return std::make_unique<BilateralMechanism>(p.integer("max_turns")); });
        c.add(DoubleAuction::kind(),
            [](const Parameters& p) { return std::make_unique<DoubleAuction>(p.integer("passes")); });
        c.add(SealedBidAuction::firstPriceKind(), [](const Parameters& p) {
            return std::make_unique<SealedBidAuction>(SealedBidAuction::Pricing::FirstPrice, p.integer("bidders"));
        });
        c.add(SealedBidAuction::vickreyKind(), [](const Parameters& p) {
            return std::make_unique<SealedBidAuction>(SealedBidAuction::Pricing::SecondPrice, p.integer("bidders"));
        });
        c.add(PostedPrice::kind(),
            [](const Parameters& p) { return std::make_unique<PostedPrice>(p.integer("visits")); });
        c.add(ReverseAuction::kind(), [](const Parameters& p) {
            return std::make_unique<ReverseAuction>(
                ReverseAuction::Settings { p.integer("bid_cap"), p["bid_deposit"], p.integer("escrow_rounds"),
                    p.flag("top_up"), p.integer("notice"), p["reputation_weight"], p.integer("idle_rounds") });
        });
        c.add(OfferDemand::kind(), [](const Parameters& p) {
            return std::make_unique<OfferDemand>(p["start_fee"], p.integer("candidates"), p.integer("payment_timeout"));
        });
        c.add(Interruptible::kind(), [](const Parameters& p) {
            return std::make_unique<Interruptible>(p.integer("visits"), p["min_bid_share"], p.integer("patience"));
        });
        c.add(CoalitionMechanism::kind(), [](const Parameters& p) {
            return std::make_unique<CoalitionMechanism>(CoalitionMechanism::Settings { p.integer("max_turns"),
                p.integer("max_members"), p.integer("pool_size"), p["tolerance"], p.integer("min_commitments") });
        });
        c.add(FuturesMechanism::kind(), [](const Parameters& p) {
            return std::make_unique<FuturesMechanism>(FuturesMechanism::Settings { p.integer("horizon"),
                p.integer("passes"), p["hedge"], p["penalty"], p["min_trust"], p["smoothing"], p["position"] });
        });
        return c;
    }();
    return catalog;
}

Catalog<Settlement>& settlementCatalog()
{
    static Catalog<Settlement> catalog = [] {
        Catalog<Settlement> c("settlement");
        c.add(LeaseSettlement::kind(), [](const Parameters&) { return std::make_unique<LeaseSettlement>(); });
        return c;
    }();
    return catalog;
}

Catalog<ReputationModel, const ReputationSetup&>& reputationCatalog()
{
    static Catalog<ReputationModel, const ReputationSetup&> catalog = [] {
        Catalog<ReputationModel, const ReputationSetup&> c("reputation model");
        c.add(BaselineReputation::kind(), [](const Parameters& p, const ReputationSetup&) {
            return std::make_unique<BaselineReputation>(BaselineReputation::ratesFrom(p));
        });
        c.add(BetaReputation::kind(), [](const Parameters& p, const ReputationSetup&) {
            return std::make_unique<BetaReputation>(BetaReputation::settingsFrom(p));
        });
        c.add(EigenTrustReputation::kind(), [](const Parameters& p, const ReputationSetup& setup) {
            return std::make_unique<EigenTrustReputation>(EigenTrustReputation::settingsFrom(p), setup.pretrusted);
        });
        c.add(WitnessReputation::kind(), [](const Parameters& p, const ReputationSetup&) {
            return std::make_unique<WitnessReputation>(WitnessReputation::settingsFrom(p));
        });
        c.add(NoReputation::kind(),
            [](const Parameters&, const ReputationSetup&) { return std::make_unique<NoReputation>(); });
        return c;
    }();
    return catalog;
}

Catalog<EventEffect>& eventCatalog()
{
    static Catalog<EventEffect> catalog = [] {
        Catalog<EventEffect> c("event");
        c.add(priceShockKind(), makePriceShock);
        c.add(demandSurgeKind(), makeDemandSurge);
        c.add(outageKind(), makeOutage);
        c.add(joinKind(), makeJoin);
        c.add(leaveKind(), makeLeave);
        c.add(strategyEventKind(), makeStrategyEvent);
        c.add(reputationResetKind(), makeReputationReset);
        return c;
    }();
    return catalog;
}

std::vector<CatalogFamily> engineFamilies()
{
    return {
        { "strategy", "How an agent prices, picks partners and keeps (or breaks) its deals",
            [] { return strategyCatalog().infos(); } },
        { "mechanism", "How buyers and sellers meet and agree in a round", [] { return mechanismCatalog().infos(); } },
        { "settlement", "What an agreement does to holdings and budgets, and where defaults happen",
            [] { return settlementCatalog().infos(); } },
        { "reputation", "How agents' views of each other follow from their experience and gossip",
            [] { return reputationCatalog().infos(); } },
        { "event", "What happens to the market during a run, at a round or over a range (events[] of a scenario)",
            [] { return eventCatalog().infos(); } },
        { "cheater", "The strategy kinds that may default on a deal (agents[].strategy.type), which detection scores",
            [] {
                std::vector<KindInfo> cheaters;
                for (const auto& e : strategyCatalog().entries()) {
                    if (e.make(Parameters(e.info, {}))->cheats())
                        cheaters.push_back(e.info);
                }
                return cheaters;
            } },
    };
}

std::vector<std::string_view> missingProtocols(const KindInfo& mechanism, const KindInfo& strategy)
{
    std::vector<std::string_view> missing;
    for (auto needed : mechanism.protocols) {
        if (std::find(strategy.protocols.begin(), strategy.protocols.end(), needed) == strategy.protocols.end())
            missing.push_back(needed);
    }
    return missing;
}

std::unique_ptr<ReputationModel> makeReputationModel(const ReputationSettings& settings, const ReputationSetup& setup)
{
    const KindInfo* info = reputationCatalog().info(settings.model);
    if (info && setup.pretrusted.empty()
        && std::find(info->protocols.begin(), info->protocols.end(), PretrustedPeers) != info->protocols.end())
        throw std::invalid_argument("pretrusted: reputation model '" + settings.model
            + "' needs at least one pre-trusted peer (reputation.pretrusted: a list of agent ids)");
    return reputationCatalog().make(settings.model, settings.params, setup);
}

double strangerReputation(const ReputationSettings& settings)
{
    // Two agents, the first pre-trusted (a model that needs one has it): the second as the first sees it.
    auto model = makeReputationModel(settings, { { 0 } });
    model->reset(2);
    return model->view(0, 1);
}

} // namespace haggle
