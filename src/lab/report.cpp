// JSON documents and CSV files for results (see report.h). Text tables are in reporttext.cpp.
#include "report.h"

#include "csv.h"
#include "statehashes.h"

#include <cmath>

namespace haggle::lab {

namespace {

// JSON has no NaN or infinity: those become null.
JsonDocument num(double v)
{
    return std::isfinite(v) ? JsonDocument(v) : JsonDocument(nullptr);
}

JsonDocument num(const std::optional<double>& v)
{
    return v ? num(*v) : JsonDocument(nullptr);
}

JsonDocument optInt(const std::optional<int>& v)
{
    return v ? JsonDocument(*v) : JsonDocument(nullptr);
}

JsonDocument bundle(const ResourceBundle& b)
{
    return { { "gpu", b.gpu }, { "cpu", b.cpu }, { "memory", b.memory } };
}

// The state hash after the round at `index` (0-based), or an empty string for a result that kept none.
std::string hashAfter(const RunResult& r, std::size_t index)
{
    return index < r.stateHashes.size() ? hashText(r.stateHashes[index]) : std::string();
}

const std::string& idOf(const RunResult& r, AgentIndex i)
{
    return r.scenario.agents.at(i).id;
}

JsonDocument cheaterJson(const CheaterResult& r)
{
    JsonDocument windows = JsonDocument::array();
    for (const auto& w : r.windows)
        windows.push_back({ { "first_round", w.firstRound }, { "last_round", w.lastRound },
            { "mean_reputation", num(w.meanReputation) }, { "cheater_deals", w.cheaterDeals } });
    JsonDocument reputation = JsonDocument::array();
    for (double v : r.reputationByRound)
        reputation.push_back(num(v));
    return { { "cheater", r.cheater }, { "rounds", r.rounds }, { "seed", r.seed },
        { "cheat_probability", num(r.cheatProbability) }, { "reputation_by_round", std::move(reputation) },
        { "cheater_deals_by_round", r.cheaterDealsByRound }, { "windows", std::move(windows) },
        { "defaults", r.defaults }, { "total_deals", r.totalDeals }, { "start_budget", num(r.startBudget) },
        { "final_budget", num(r.finalBudget) }, { "start_worth", num(r.startWorth) },
        { "final_worth", num(r.finalWorth) }, { "isolated_at_round", optInt(r.isolatedAtRound) },
        { "trials",
            { { "n", r.trials }, { "final_worth", toJson(r.finalWorthByTrial) }, { "deals", toJson(r.dealsByTrial) },
                { "final_reputation", toJson(r.finalReputationByTrial) }, { "isolated_trials", r.isolatedTrials } } } };
}

} // namespace

JsonDocument toJson(const Summary& s)
{
    return { { "n", s.n }, { "mean", num(s.mean) }, { "sd", num(s.sd) }, { "min", num(s.min) }, { "max", num(s.max) },
        { "ci95", num(s.ci95) } };
}

JsonDocument toJson(const HandshakeResult& r)
{
    JsonDocument trace = JsonDocument::array();
    for (const auto& t : r.trace) {
        JsonDocument m { { "type", t.type }, { "from", t.from }, { "to", t.to }, { "turn", t.turn },
            { "price", num(t.price) } };
        if (!t.reason.empty())
            m["reason"] = t.reason;
        trace.push_back(std::move(m));
    }
    JsonDocument meanPrice = JsonDocument::array();
    for (const auto& row : r.meanPrice) {
        JsonDocument cells = JsonDocument::array();
        for (const auto& cell : row)
            cells.push_back(num(cell));
        meanPrice.push_back(std::move(cells));
    }
    JsonDocument prices = JsonDocument::array();
    for (double p : r.convergencePrices)
        prices.push_back(num(p));
    return { { "trace", std::move(trace) }, { "trace_outcome", r.traceOutcome }, { "trace_buyer", r.traceBuyer },
        { "trace_seller", r.traceSeller },
        { "matrix",
            { { "strategies", r.strategies }, { "deal_rate", r.dealRate }, { "mean_price", std::move(meanPrice) },
                { "mean_turns", r.meanTurns }, { "seeds", r.seeds }, { "base_seed", r.baseSeed } } },
        { "convergence",
            { { "rounds", r.convergence.scenario.rounds }, { "seed", r.convergence.scenario.seed },
                { "deals", r.convergencePrices.size() }, { "prices", std::move(prices) },
                { "early_volatility", num(r.earlyVolatility) }, { "late_volatility", num(r.lateVolatility) },
                { "stable_from_deal", optInt(r.stableFromDeal) } } } };
}

JsonDocument toJson(const ScarcityResult& r)
{
    JsonDocument agents = JsonDocument::array();
    for (const auto& a : r.market.agents)
        agents.push_back({ { "agent", a.id }, { "strategy", a.strategy }, { "role", a.role },
            { "start_worth", num(a.startWorth) }, { "final_worth", num(a.netWorth) }, { "deals", a.deals } });
    int negotiations = 0, deals = 0;
    for (const auto& round : r.market.rounds) {
        negotiations += round.negotiations;
        deals += round.deals;
    }
    JsonDocument phases = JsonDocument::array();
    for (const auto& p : r.phases)
        phases.push_back({ { "name", p.name }, { "first_round", p.firstRound }, { "last_round", p.lastRound },
            { "negotiations", p.negotiations }, { "deals", p.deals }, { "success_rate", num(p.successRate) },
            { "mean_unit_price", num(p.meanUnitPrice) }, { "success_rate_by_trial", toJson(p.successRateByTrial) } });
    JsonDocument ranking = JsonDocument::array();
    for (const auto& e : r.ranking)
        ranking.push_back({ { "rank", e.rank }, { "agent", e.agent }, { "strategy", e.strategy }, { "role", e.role },
            { "start_worth", num(e.startWorth) }, { "mean_worth", num(e.worth.mean) }, { "sd_worth", num(e.worth.sd) },
            { "min_worth", num(e.worth.min) }, { "max_worth", num(e.worth.max) }, { "ci95", num(e.worth.ci95) },
            { "mean_deals", num(e.deals.mean) } });
    return { { "market",
                 { { "rounds", r.market.scenario.rounds }, { "seed", r.market.scenario.seed },
                     { "negotiations", negotiations }, { "deals", deals },
                     { "success_rate", num(negotiations ? double(deals) / negotiations : 0.0) },
                     { "agents", std::move(agents) } } },
        { "rush_hour",
            { { "trials", r.rushTrials }, { "phases", std::move(phases) },
                { "rush_vs_normal_success_cohens_d", num(r.rushVersusNormalSuccessD) } } },
        { "tournament",
            { { "trials", r.tournamentTrials }, { "ranking", std::move(ranking) },
                { "adaptive_vs_greedy_seeker_cohens_d", num(r.adaptiveVersusGreedySeekerD) } } } };
}

JsonDocument toJson(const TrustResult& r)
{
    return { { "always", cheaterJson(r.always) }, { "subtle", cheaterJson(r.subtle) },
        { "comparison",
            { { "always_final_worth", num(r.always.finalWorth) }, { "subtle_final_worth", num(r.subtle.finalWorth) },
                { "always_deals", r.always.totalDeals }, { "subtle_deals", r.subtle.totalDeals },
                { "final_worth_cohens_d", num(r.finalWorthD) }, { "deals_cohens_d", num(r.dealsD) } } } };
}

JsonDocument toJson(const RunResult& r)
{
    JsonDocument rounds = JsonDocument::array();
    for (std::size_t i = 0; i < r.rounds.size(); ++i) {
        const RoundSummary& s = r.rounds[i];
        rounds.push_back(
            { { "round", s.round }, { "phase", s.phase }, { "needs", s.needs }, { "needs_met", s.needsMet },
                { "negotiations", s.negotiations }, { "deals", s.deals }, { "defaults", s.defaults },
                { "success_rate", num(s.successRate) }, { "mean_unit_price", num(s.meanUnitPrice) },
                { "volume", num(s.volume) }, { "job_value", num(s.jobValue) }, { "state_hash", hashAfter(r, i) } });
    }
    JsonDocument agents = JsonDocument::array();
    for (const auto& a : r.agents)
        agents.push_back(
            { { "id", a.id }, { "role", a.role }, { "strategy", a.strategy }, { "reputation_aware", a.reputationAware },
                { "budget", num(a.budget) }, { "holdings", bundle(a.holdings) }, { "start_worth", num(a.startWorth) },
                { "net_worth", num(a.netWorth) }, { "mean_reputation", num(a.meanReputation) }, { "deals", a.deals } });
    return { { "scenario",
                 { { "name", r.scenario.name }, { "rounds", r.scenario.rounds }, { "seed", r.scenario.seed },
                     { "agents", r.scenario.agents.size() } } },
        { "rounds", std::move(rounds) }, { "agents", std::move(agents) }, { "deals", r.deals.size() },
        { "defaults", r.defaults.size() },
        { "state_hash", r.stateHashes.empty() ? std::string() : hashText(r.stateHashes.back()) } };
}

std::string roundsCsv(const RunResult& r)
{
    CsvWriter csv({ "round", "phase", "needs", "needs_met", "negotiations", "deals", "defaults", "success_rate",
        "mean_unit_price", "volume", "job_value", "total_net_worth", "state_hash" });
    for (std::size_t i = 0; i < r.rounds.size(); ++i) {
        const RoundSummary& s = r.rounds[i];
        double worth = 0.0;
        for (double w : s.netWorth)
            worth += w;
        csv.integer(s.round).text(s.phase).integer(s.needs).integer(s.needsMet).integer(s.negotiations);
        csv.integer(s.deals).integer(s.defaults).number(s.successRate).number(s.meanUnitPrice.value_or(NAN));
        csv.number(s.volume).number(s.jobValue).number(worth).text(hashAfter(r, i));
        csv.endRow();
    }
    return csv.str();
}

std::string dealsCsv(const RunResult& r)
{
    CsvWriter csv({ "round", "negotiation", "buyer", "seller", "gpu", "cpu", "memory", "price", "unit_price",
        "delivered", "paid", "sourcing" });
    for (const auto& d : r.deals) {
        csv.integer(d.round).integer(static_cast<long long>(d.negotiation)).text(idOf(r, d.buyer));
        csv.text(idOf(r, d.seller)).number(d.resources.gpu).number(d.resources.cpu).number(d.resources.memory);
        csv.number(d.price).number(d.unitPrice).boolean(d.delivered).boolean(d.paid).boolean(d.sourcing);
        csv.endRow();
    }
    return csv.str();
}

std::string agentsCsv(const RunResult& r)
{
    CsvWriter csv({ "round", "agent", "strategy", "net_worth", "mean_reputation", "deals" });
    for (const auto& s : r.rounds) {
        for (std::size_t i = 0; i < s.netWorth.size() && i < r.agents.size(); ++i) {
            csv.integer(s.round).text(r.agents[i].id).text(r.agents[i].strategy).number(s.netWorth[i]);
            csv.number(s.meanReputation[i]).integer(s.dealsSoFar[i]);
            csv.endRow();
        }
    }
    return csv.str();
}

} // namespace haggle::lab
