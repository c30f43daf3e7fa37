// The built-in scenario event kinds (see scenarioevents.h).
#include "scenarioevents.h"

#include "marketstate.h"
#include "scenario.h"
#include "strategyregistry.h"

namespace haggle {

namespace {

// Factors for a bundle's resources: "gpu", "cpu" and "memory", 1 by default.
std::vector<ParameterInfo> resourceFactors()
{
    std::vector<ParameterInfo> params;
    for (std::size_t k = 0; k < ResourceKindCount; ++k) {
        static const std::string_view help[] = { "factor on the GPU reference price",
            "factor on the CPU reference price", "factor on the memory reference price" };
        params.push_back({ resourceKindName(static_cast<ResourceKind>(k)), 1.0, 0.01, 100.0, help[k] });
    }
    return params;
}

class PriceShock final : public EventEffect {
public:
    explicit PriceShock(const Parameters& p)
    {
        for (std::size_t k = 0; k < ResourceKindCount; ++k)
            m_factors[k] = p[resourceKindName(static_cast<ResourceKind>(k))];
    }
    void startRound(EventRound& r) const override
    {
        if (!r.inRange(r.event.round, r.event.lastRound))
            return;
        for (std::size_t k = 0; k < ResourceKindCount; ++k)
            r.prices.perUnit[k] *= m_factors[k];
    }
    bool changesPrices() const override { return true; }

private:
    double m_factors[ResourceKindCount] {};
};

class DemandSurge final : public EventEffect {
public:
    explicit DemandSurge(const Parameters& p)
        : m_probability(p["probability"])
        , m_need { p["gpu"], p["cpu"], p["memory"] }
    {
    }
    void startRound(EventRound& r) const override
    {
        if (r.inRange(r.event.round, r.event.lastRound))
            r.extraNeeds.push_back({ r.agents, m_probability, m_need });
    }

private:
    double m_probability;
    ResourceBundle m_need;
};

class Outage final : public EventEffect {
public:
    explicit Outage(const Parameters& p)
        : m_fraction(p["fraction"])
    {
    }
    void startRound(EventRound& r) const override
    {
        if (!r.inRange(r.event.round, r.event.lastRound))
            return;
        for (AgentIndex i : r.agents)
            r.state.takeOffline(i, r.state.agent(i).holdings() * m_fraction);
    }

private:
    double m_fraction;
};

class Join final : public EventEffect {
public:
    void startRound(EventRound& /*r*/) const override { }
    bool absentAt(const ScenarioEvent& event, int round) const override { return round < event.round; }
    bool changesPresence() const override { return true; }
};

class Leave final : public EventEffect {
public:
    void startRound(EventRound& /*r*/) const override { }
    bool absentAt(const ScenarioEvent& event, int round) const override
    {
        return round >= event.round && (!event.lastRound || round <= *event.lastRound);
    }
    bool changesPresence() const override { return true; }
};

class StrategyEvent final : public EventEffect {
public:
    void startRound(EventRound& r) const override
    {
        if (r.round != r.event.round)
            return;
        for (AgentIndex i : r.agents)
            r.state.setStrategy(i, makeStrategy(r.event.strategy));
    }
};

class ReputationReset final : public EventEffect {
public:
    void startRound(EventRound& r) const override
    {
        if (r.round != r.event.round)
            return;
        if (r.event.agent.empty() && r.event.role.empty()) {
            r.state.resetReputation();
            r.viewsReset = true;
            return;
        }
        for (AgentIndex i : r.agents)
            r.state.forgetReputation(i);
        r.viewsReset = true;
    }
};

} // namespace

KindInfo priceShockKind()
{
    return { "price-shock",
        "The reference prices are multiplied by the factors over the event's rounds (valuations and job pay follow)",
        resourceFactors(), { EventLasts } };
}

KindInfo demandSurgeKind()
{
    return { "demand-surge",
        "Over the event's rounds each of its agents (one, a role or everyone) also needs the bundle, with the "
        "probability",
        {
            { "probability", 1.0, 0.0, 1.0, "chance an agent of the event needs the bundle in a round", "share" },
            { "gpu", 0.0, 0.0, MaxQuantity, "GPU hours needed", "units" },
            { "cpu", 1.0, 0.0, MaxQuantity, "CPU hours needed", "units" },
            { "memory", 0.0, 0.0, MaxQuantity, "memory needed", "units" },
        },
        { EventTakesGroup, EventLasts } };
}

KindInfo outageKind()
{
    return { "outage",
        "Over the event's rounds a share of its agents' capacity is offline: they cannot lease it out (net worth is "
        "unchanged)",
        { { "fraction", 1.0, 0.0, 1.0, "share of each agent's holdings offline", "share" } },
        { EventTakesGroup, EventLasts } };
}

KindInfo joinKind()
{
    return { "join", "The agent joins the market at the event's round: before it, it neither buys nor sells", {},
        { EventNeedsAgent } };
}

KindInfo leaveKind()
{
    return { "leave",
        "The agent leaves the market at the event's round, to its last round (then comes back) or to the end", {},
        { EventNeedsAgent, EventLasts } };
}

KindInfo strategyEventKind()
{
    return { "strategy",
        "The agent plays another strategy from the event's round on: a cheater injected, or a cheater reformed", {},
        { EventNeedsAgent, EventNeedsStrategy } };
}

KindInfo reputationResetKind()
{
    return { "reputation-reset",
        "At the event's round every view of its agents (or, naming none, every view of everyone) is a stranger's again",
        {}, { EventTakesGroup } };
}

std::unique_ptr<EventEffect> makePriceShock(const Parameters& p)
{
    return std::make_unique<PriceShock>(p);
}
std::unique_ptr<EventEffect> makeDemandSurge(const Parameters& p)
{
    return std::make_unique<DemandSurge>(p);
}
std::unique_ptr<EventEffect> makeOutage(const Parameters& p)
{
    return std::make_unique<Outage>(p);
}
std::unique_ptr<EventEffect> makeJoin(const Parameters&)
{
    return std::make_unique<Join>();
}
std::unique_ptr<EventEffect> makeLeave(const Parameters&)
{
    return std::make_unique<Leave>();
}
std::unique_ptr<EventEffect> makeStrategyEvent(const Parameters&)
{
    return std::make_unique<StrategyEvent>();
}
std::unique_ptr<EventEffect> makeReputationReset(const Parameters&)
{
    return std::make_unique<ReputationReset>();
}

} // namespace haggle
