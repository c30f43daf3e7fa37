// The prototype's experiment 3, the trust fall: an always-cheating Mallory and a 5% cheater among five
// reputation-aware honest agents.
#include "protosetups.h"
#include "prototypeexperiments.h"

#include <algorithm>
#include <numeric>

namespace haggle::lab::prototype {

namespace {

double windowMean(const std::vector<double>& values, std::size_t from, std::size_t to)
{
    return pyMean(std::span(values).subspan(from, to - from));
}
int windowSum(const std::vector<int>& values, std::size_t from, std::size_t to)
{
    return std::accumulate(
        values.begin() + static_cast<std::ptrdiff_t>(from), values.begin() + static_cast<std::ptrdiff_t>(to), 0);
}

} // namespace

KindInfo TrustExperiment::kindInfo()
{
    return kind("trust", "Experiment 3 (prototype rules): an always-cheater and a 5% cheater among honest agents");
}

std::string_view TrustExperiment::title() const
{
    return "Experiment 3: trust fall (prototype rules)";
}

void TrustExperiment::play(const ExperimentContext& context, Transcript& out, ExperimentResult& result) const
{
    const std::int64_t k = seedOffset(context);
    out.banner(3, "TRUST FALL");

    context.checkpoint(0.0, "always-cheater");
    out.line("=== Part 1: Always-Cheating Mallory ===");
    out.line();
    PyRandom rng;
    Market always = cheaterMarket(rng, 1.0, 42 + k);
    const CheaterRun a = cheaterRun(always, 60);
    const auto window = [&](const char* label, const CheaterRun& run, std::size_t from, std::size_t to) {
        out.line(format("  %s: avg reputation = %.3f, deals = %d", label, windowMean(run.reputation, from, to),
            windowSum(run.deals, from, to)));
    };
    out.line("Cheater's reputation over time:");
    window("Early (1-10)", a, 0, 10);
    window("Mid (25-35)", a, 24, 35);
    window("Late (50-60)", a, 49, 60);
    out.line();
    const Agent& mallory = always.agent(Mallory);
    out.line(format("Total cheating incidents: %d", a.incidents));
    out.line(format("Cheater's final budget: %.1f", mallory.budget));
    out.line("Cheater's final resources: " + haggle::prototype::resourceText(mallory.resources));
    out.line();
    out.line("Honest agents' view of Mallory:");
    std::vector<const Agent*> honest;
    for (const auto& agent : always.agents()) {
        if (agent.id.find("cheater") == std::string::npos)
            honest.push_back(&agent);
    }
    std::sort(honest.begin(), honest.end(), [](const Agent* x, const Agent* y) { return x->id < y->id; });
    for (const Agent* h : honest)
        out.line(format("  %s: %.3f", h->id.c_str(), h->reputation.of(Mallory)));
    out.line();
    out.line(always.summary());
    out.line();

    context.checkpoint(0.5, "subtle cheater");
    out.line();
    out.line("=== Part 2: Subtle Mallory (cheats 5% of the time) ===");
    out.line();
    Market subtle = cheaterMarket(rng, 0.05, 123 + k);
    const CheaterRun s = cheaterRun(subtle, 100);
    out.line("Subtle cheater's reputation over time:");
    window("Early (1-20)", s, 0, 20);
    window("Mid (40-60)", s, 39, 60);
    window("Late (80-100)", s, 79, 100);
    out.line();
    out.line(format("Total cheating incidents: %d", s.incidents));
    out.line(format("Subtle cheater's final budget: %.1f", subtle.agent(Mallory).budget));
    out.line();
    out.line("=== Comparison: Does Partial Honesty Pay? ===");
    out.line();
    const double alwaysWorth = mallory.netWorth();
    const double subtleWorth = subtle.agent(Mallory).netWorth();
    const int alwaysDeals = windowSum(a.deals, 0, a.deals.size());
    const int subtleDeals = windowSum(s.deals, 0, s.deals.size());
    out.line(format("  Always cheat - final wealth: %.1f", alwaysWorth));
    out.line(format("  Cheat 5%%     - final wealth: %.1f", subtleWorth));
    out.line();
    out.line(format("  Always cheat - total deals: %d", alwaysDeals));
    out.line(format("  Cheat 5%%     - total deals: %d", subtleDeals));

    const double lateView = windowMean(a.reputation, 49, 60);
    const int lateDeals = windowSum(a.deals, 49, 60);
    result.findings.push_back({ "always_cheater_isolated",
        "The always-cheater's reputation falls below the trust threshold: honest agents' mean view "
            + fixedText(lateView, 3) + " over rounds 50-60.",
        { { "late_view", lateView } }, lateView < 0.3 });
    result.findings.push_back({ "always_cheater_keeps_dealing",
        "Yet it keeps dealing at that reputation: " + std::to_string(lateDeals)
            + " deals in rounds 50-60, because a trust check is made only when responding, and a cheating seller "
              "accepts before its buyer decides anything.",
        { { "late_deals", static_cast<long long>(lateDeals) }, { "late_view", lateView } },
        lateView < 0.3 && lateDeals > 0 });
    result.findings.push_back({ "cheating_pays",
        "Always cheating pays more than cheating 5% of the time: final wealth " + fixedText(alwaysWorth, 1)
            + " against " + fixedText(subtleWorth, 1) + ".",
        { { "always_worth", alwaysWorth }, { "subtle_worth", subtleWorth } }, alwaysWorth > subtleWorth });
    result.findings.push_back({ "subtle_cheater_trusted",
        "The 5% cheater stays trusted: mean view " + fixedText(windowMean(s.reputation, 79, 100), 3)
            + " over its last 21 rounds.",
        { { "late_view", windowMean(s.reputation, 79, 100) } }, windowMean(s.reputation, 79, 100) >= 0.3 });
    context.checkpoint(1.0, "done");
}

} // namespace haggle::lab::prototype
