// The prototype's experiment 2, scarcity games: 100 rounds of seekers needing more than the providers sell, a rush
// hour in which everyone needs compute, and a 20-trial tournament of net worth.
#include "protosetups.h"
#include "prototypeexperiments.h"
#include "trialrunner.h"

#include <algorithm>
#include <map>

namespace haggle::lab::prototype {

KindInfo ScarcityExperiment::kindInfo()
{
    return kind("scarcity", "Experiment 2 (prototype rules): 100-round scarcity, rush hour, 20-trial tournament");
}

std::string_view ScarcityExperiment::title() const
{
    return "Experiment 2: scarcity games (prototype rules)";
}

void ScarcityExperiment::play(const ExperimentContext& context, Transcript& out, ExperimentResult& result) const
{
    const std::int64_t k = seedOffset(context);
    constexpr int AdaptiveSeeker = 3;
    constexpr int GreedySeeker = 4;
    out.banner(2, "SCARCITY GAMES");

    // Part A: 100 rounds of scarcity.
    context.checkpoint(0.0, "scarcity");
    out.line("=== 100-Round Scarcity Simulation ===");
    out.line();
    PyRandom rng;
    {
        Market market(scarcityMarket(), rng, 6, 42 + k);
        struct Tally {
            int deals = 0;
            double spent = 0.0;
            double acquired = 0.0;
        };
        std::map<int, Tally> tally;
        for (int r = 0; r < 100; ++r) {
            market.agent(AdaptiveSeeker).pendingNeeds = { 8, 4, 0 };
            market.agent(GreedySeeker).pendingNeeds = { 8, 4, 0 };
            market.runRound();
            for (const auto& res : market.lastResults()) {
                if (!res.agreed)
                    continue;
                Tally& t = tally[res.buyer];
                t.deals += 1;
                t.spent = t.spent + res.price;
                t.acquired = t.acquired + haggle::prototype::units(res.resource);
            }
        }
        out.line("Seeker performance:");
        for (int seeker : { AdaptiveSeeker, GreedySeeker }) {
            const Tally t = tally[seeker];
            out.line("  " + market.agent(seeker).id + ":");
            out.line(format("    Deals made: %d", t.deals));
            out.line(format("    Total spent: %.1f", t.spent));
            out.line(format("    Resources acquired: %.1f", t.acquired));
            if (t.acquired > 0)
                out.line(format("    Avg cost/unit: %.2f", t.spent / t.acquired));
        }
        out.line();
        out.line(market.summary());
        out.line();
        const double rate = static_cast<double>(market.totalDeals()) / static_cast<double>(market.totalNegotiations());
        result.findings.push_back({ "scarcity_starves_seekers",
            "Under scarcity most negotiations fail: " + std::to_string(market.totalDeals()) + " deals in "
                + std::to_string(market.totalNegotiations()) + " negotiations (" + percent(rate, 0) + ").",
            { { "success_rate", rate } }, rate < 0.5 });
    }

    // Part B: the rush hour.
    context.checkpoint(0.3, "rush hour");
    out.line("=== Rush Hour Scenario ===");
    out.line();
    out.line("Rounds 1-10: Normal operation (2 seekers)");
    out.line("Rounds 11-20: RUSH HOUR (everyone needs compute)");
    out.line("Rounds 21-30: Back to normal");
    out.line();
    {
        Market market(scarcityMarket(), rng, 6, 42 + k);
        struct Phase {
            const char* name;
            int negotiations = 0;
            int deals = 0;
            std::vector<double> prices;
        };
        Phase phases[] = { { "normal_1", 0, 0, {} }, { "rush", 0, 0, {} }, { "normal_2", 0, 0, {} } };
        for (int r = 0; r < 30; ++r) {
            Phase& phase = phases[r < 10 ? 0 : (r < 20 ? 1 : 2)];
            for (auto& a : market.agents())
                a.pendingNeeds = {};
            if (r >= 10 && r < 20) {
                for (auto& a : market.agents())
                    a.pendingNeeds = gpu(8);
            } else {
                market.agent(AdaptiveSeeker).pendingNeeds = gpu(5);
                market.agent(GreedySeeker).pendingNeeds = gpu(5);
            }
            const auto m = market.runRound();
            phase.negotiations += m.negotiations;
            phase.deals += m.dealsMade;
            if (m.avgPricePerUnit > 0)
                phase.prices.push_back(m.avgPricePerUnit);
        }
        double success[3] = {};
        double price[3] = {};
        for (int i = 0; i < 3; ++i) {
            const Phase& p = phases[i];
            success[i] = static_cast<double>(p.deals) / static_cast<double>(std::max(p.negotiations, 1));
            out.line(std::string("Phase: ") + p.name);
            out.line(format(
                "  Negotiations: %d, Deals: %d (%s success)", p.negotiations, p.deals, percent(success[i], 0).c_str()));
            if (!p.prices.empty()) {
                price[i] = pyMean(p.prices);
                out.line(format("  Avg price/unit: %.2f", price[i]));
            }
            out.line();
        }
        result.findings.push_back({ "rush_hour_lowers_success",
            "The rush hour lowers the success rate: " + percent(success[1], 0) + " against " + percent(success[0], 0)
                + " before it.",
            { { "normal_success", success[0] }, { "rush_success", success[1] } }, success[1] < success[0] });
        result.findings.push_back({ "rush_hour_raises_price",
            "The rush hour raises the mean unit price: " + fixedText(price[1]) + " against " + fixedText(price[0])
                + " before it.",
            { { "normal_price", price[0] }, { "rush_price", price[1] } }, price[1] > price[0] });
    }

    // Part C: the tournament.
    context.checkpoint(0.6, "tournament");
    out.line("=== Strategy Tournament (20 trials) ===");
    out.line();
    const auto ranking = tournament(20, k, context.threads).ranking;
    out.line(format("%-22s %10s %8s %8s", "Agent", "Avg Worth", "Min", "Max"));
    out.line(std::string(52, '-'));
    for (const auto& r : ranking) {
        out.line(format("%-22s %10.1f %8.1f %8.1f", r.id.c_str(), r.mean,
            *std::min_element(r.worth.begin(), r.worth.end()), *std::max_element(r.worth.begin(), r.worth.end())));
    }
    out.line();
    result.findings.push_back({ "fair_provider_wins",
        "The Fair provider ranks first by mean net worth (" + ranking.front().id + ": "
            + fixedText(ranking.front().mean, 1) + ").",
        { { "first", ranking.front().id } }, ranking.front().id == "fair_provider" });
    context.checkpoint(1.0, "done");
}

} // namespace haggle::lab::prototype
