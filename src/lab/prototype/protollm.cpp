// The prototype's experiment 5, LLM negotiators, as it ran without an API key: its LLM strategy's rule-based
// fallback against itself, against rule-based strategies, and in a mixed population.
#include "protosetups.h"
#include "prototypeexperiments.h"

namespace haggle::lab::prototype {

namespace {

// One handshake of a buyer (budget 50, needs gpu 10) and a seller (gpu 50, budget 10), six turns.
haggle::prototype::NegotiationResult handshake(
    std::string buyerId, Strategy buyer, std::string sellerId, Strategy seller, std::int64_t seed)
{
    PyRandom rng;
    std::vector<Agent> agents;
    agents.push_back(makeAgent(std::move(buyerId), {}, 50.0, std::move(buyer), 0.7));
    agents.back().pendingNeeds = gpu(10);
    agents.push_back(makeAgent(std::move(sellerId), gpu(50), 10.0, std::move(seller), 0.2));
    Market market(std::move(agents), rng, 6, seed);
    const std::pair<int, int> pairing[] = { { 0, 1 } };
    market.runRound(pairing);
    return market.lastResults().back();
}

} // namespace

KindInfo LlmExperiment::kindInfo()
{
    return kind("llm-negotiators",
        "Experiment 5 (prototype rules): the LLM negotiator's rule-based fallback (no API key) against itself, "
        "rule-based strategies and in a mixed market");
}

std::string_view LlmExperiment::title() const
{
    return "Experiment 5: LLM agent negotiations, fallback mode (prototype rules)";
}

void LlmExperiment::play(const ExperimentContext& context, Transcript& out, ExperimentResult& result) const
{
    const std::int64_t k = seedOffset(context);
    out.banner(5, "LLM AGENT NEGOTIATIONS");
    out.line("WARNING: ANTHROPIC_API_KEY not set.");
    out.line("Running in FALLBACK mode (rule-based with LLM interface).");
    out.line("Set the key to run actual LLM experiments.");
    out.line();

    context.checkpoint(0.0, "LLM vs LLM");
    out.line("=== LLM vs LLM ===");
    out.line();
    std::vector<double> prices;
    for (int trial = 0; trial < 10; ++trial) {
        const auto r
            = handshake("llm_buyer", Strategy::llmFallback(), "llm_seller", Strategy::llmFallback(), trial + k);
        if (r.agreed) {
            prices.push_back(r.price);
            out.line(format("  Trial %d: DEAL at price %.2f (%d rounds)", trial, r.price, r.rounds));
        } else {
            out.line(format("  Trial %d: NO DEAL (%d rounds)", trial, r.rounds));
        }
    }
    out.line();
    out.line(format("Deals: %zu/10", prices.size()));
    if (!prices.empty())
        out.line("Prices: " + statText(describe(prices)));

    context.checkpoint(0.3, "LLM vs rule-based");
    out.line();
    out.line("=== LLM vs Rule-Based Strategies ===");
    out.line();
    const std::pair<const char*, Strategy> opponents[] = { { "greedy", Strategy::greedy(0.7) },
        { "fair", Strategy::fair(0.15) }, { "adaptive", Strategy::adaptive(1.0) } };
    for (const auto& [name, strategy] : opponents) {
        std::vector<double> buys, sells;
        for (int trial = 0; trial < 10; ++trial) {
            const auto r
                = handshake("llm_buyer", Strategy::llmFallback(), std::string(name) + "_seller", strategy, trial + k);
            if (r.agreed)
                buys.push_back(r.price);
        }
        for (int trial = 0; trial < 10; ++trial) {
            const auto r = handshake(
                std::string(name) + "_buyer", strategy, "llm_seller", Strategy::llmFallback(), trial + 1000 + k);
            if (r.agreed)
                sells.push_back(r.price);
        }
        const auto line = [&](const char* label, const std::vector<double>& list) {
            std::string text
                = format("    %s%s deals", label, percent(static_cast<double>(list.size()) / 10.0, 0).c_str());
            if (!list.empty())
                text += format(", avg price %.2f", pyMean(list));
            out.line(text);
        };
        out.line(format("  vs %s:", name));
        line("LLM buying:  ", buys);
        line("LLM selling: ", sells);
    }

    context.checkpoint(0.6, "mixed population");
    out.line();
    out.line("=== Mixed Population (2 LLM + 3 Rule-Based) ===");
    out.line();
    std::vector<double> llmWealth, ruleWealth;
    for (int trial = 0; trial < 3; ++trial) {
        PyRandom rng;
        std::vector<Agent> agents;
        agents.push_back(makeAgent("llm_seeker", gpu(5), 100.0, Strategy::llmFallback(), 0.7));
        agents.push_back(makeAgent("llm_provider", gpu(100), 20.0, Strategy::llmFallback(), 0.2));
        agents.push_back(makeAgent("fair_provider", gpu(80), 25.0, Strategy::fair(), 0.2));
        agents.push_back(makeAgent("adaptive_seeker", gpu(5), 100.0, Strategy::adaptive(), 0.7));
        agents.push_back(makeAgent("greedy_provider", gpu(90), 15.0, Strategy::greedy(0.7), 0.1));
        Market market(std::move(agents), rng, 6, trial + k);
        for (int r = 0; r < 50; ++r) {
            market.agent(0).pendingNeeds = gpu(5);
            market.agent(3).pendingNeeds = gpu(5);
            market.runRound();
        }
        for (const auto& a : market.agents())
            (a.id.find("llm") != std::string::npos ? llmWealth : ruleWealth).push_back(a.netWorth());
    }
    const auto [t, p] = welchTTest(llmWealth, ruleWealth);
    out.line("LLM agents wealth:       " + statText(describe(llmWealth)));
    out.line("Rule-based agents wealth: " + statText(describe(ruleWealth)));
    out.line(format("Difference: t=%.3f, p=%.2e", t, p));
    result.findings.push_back({ "llm_no_advantage",
        format("The LLM fallback agents are not significantly richer than the rule-based ones (t=%.3f, p=%.2e).", t, p),
        { { "t", t }, { "p", p } }, !(p < 0.05) });
    context.checkpoint(1.0, "done");
}

} // namespace haggle::lab::prototype
