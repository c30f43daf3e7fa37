// Readable text reports, in the spirit of the prototype's printout (see report.h).
#include "report.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace haggle::lab {

namespace {

std::string fixed(double v, int decimals = 2)
{
    if (!std::isfinite(v))
        return "-";
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, v);
    return buffer;
}

std::string percent(double v)
{
    return fixed(100.0 * v, 0) + "%";
}

bool numeric(const std::string& cell)
{
    return !cell.empty()
        && (std::isdigit(static_cast<unsigned char>(cell.front())) || cell.front() == '-' || cell.front() == '+');
}

// Columns padded to their widest cell; numeric columns right-aligned, text columns left-aligned.
class Table {
public:
    explicit Table(std::vector<std::string> header) { m_rows.push_back(std::move(header)); }
    void add(std::vector<std::string> row) { m_rows.push_back(std::move(row)); }

    std::string str(const std::string& indent = "  ") const
    {
        std::vector<std::size_t> width;
        for (const auto& row : m_rows) {
            width.resize(std::max(width.size(), row.size()), 0);
            for (std::size_t c = 0; c < row.size(); ++c)
                width[c] = std::max(width[c], row[c].size());
        }
        std::vector<bool> right(width.size(), true);
        for (std::size_t r = 1; r < m_rows.size(); ++r) {
            for (std::size_t c = 0; c < m_rows[r].size(); ++c)
                right[c] = right[c] && numeric(m_rows[r][c]);
        }
        std::ostringstream out;
        for (std::size_t r = 0; r < m_rows.size(); ++r) {
            out << indent;
            for (std::size_t c = 0; c < m_rows[r].size(); ++c) {
                const auto& cell = m_rows[r][c];
                const std::string pad(width[c] - cell.size(), ' ');
                out << (right[c] ? pad + cell : cell + pad) << (c + 1 < m_rows[r].size() ? "  " : "");
            }
            out << '\n';
            if (r == 0) {
                std::size_t total = 0;
                for (auto w : width)
                    total += w + 2;
                out << indent << std::string(total > 2 ? total - 2 : 0, '-') << '\n';
            }
        }
        return out.str();
    }

private:
    std::vector<std::vector<std::string>> m_rows;
};

} // namespace

std::string formatHandshake(const HandshakeResult& r)
{
    std::ostringstream out;
    out << "EXPERIMENT 1: THE BASIC HANDSHAKE\n\n";
    out << "1. Message trace: " << r.traceBuyer << " buys from " << r.traceSeller << "\n";
    Table trace({ "turn", "message", "from", "to", "price" });
    for (const auto& t : r.trace)
        trace.add({ std::to_string(t.turn), t.type + (t.reason.empty() ? "" : " (" + t.reason + ")"), t.from, t.to,
            fixed(t.price) });
    out << trace.str() << "  outcome: " << r.traceOutcome << "\n\n";

    out << "2. Strategy matrix: deal rate over " << r.seeds << " seeds (rows buyer, columns seller)\n";
    std::vector<std::string> header { "buyer \\ seller" };
    header.insert(header.end(), r.strategies.begin(), r.strategies.end());
    Table matrix(header);
    for (std::size_t b = 0; b < r.strategies.size(); ++b) {
        std::vector<std::string> row { r.strategies[b] };
        for (std::size_t s = 0; s < r.strategies.size(); ++s)
            row.push_back(percent(r.dealRate[b][s]));
        matrix.add(row);
    }
    out << matrix.str() << '\n';

    out << "3. Convergence: two Adaptive agents (beliefs 0.5 and 1.5 per unit), " << r.convergence.scenario.rounds
        << " rounds, " << r.convergencePrices.size() << " deals\n";
    out << "  first deals:";
    for (std::size_t i = 0; i < std::min<std::size_t>(10, r.convergencePrices.size()); ++i)
        out << ' ' << fixed(r.convergencePrices[i], 3);
    out << "\n  volatility (sd of unit price): first 20 deals " << fixed(r.earlyVolatility, 4) << ", last 20 deals "
        << fixed(r.lateVolatility, 4) << '\n';
    out << "  stable from deal: " << (r.stableFromDeal ? std::to_string(*r.stableFromDeal) : std::string("never"));
    if (!r.convergencePrices.empty())
        out << " (price " << fixed(r.convergencePrices.back(), 3) << ")";
    out << "\n";
    return out.str();
}

std::string formatScarcity(const ScarcityResult& r)
{
    std::ostringstream out;
    out << "EXPERIMENT 2: SCARCITY GAMES\n\n";
    out << "1. Scarcity market: " << r.market.scenario.rounds << " rounds, seed " << r.market.scenario.seed << "\n";
    Table market({ "agent", "strategy", "deals", "start worth", "final worth" });
    for (const auto& a : r.market.agents)
        market.add({ a.id, a.strategy, std::to_string(a.deals), fixed(a.startWorth), fixed(a.netWorth) });
    out << market.str() << '\n';

    out << "2. Rush hour by phase (" << r.rushTrials << " trials)\n";
    Table phases({ "phase", "rounds", "negotiations", "deals", "success", "avg price/unit" });
    for (const auto& p : r.phases)
        phases.add({ p.name, std::to_string(p.firstRound) + "-" + std::to_string(p.lastRound),
            std::to_string(p.negotiations), std::to_string(p.deals), percent(p.successRate),
            p.meanUnitPrice ? fixed(*p.meanUnitPrice, 3) : std::string("-") });
    out << phases.str() << "  Cohen's d, success rate in the rush vs before it: " << fixed(r.rushVersusNormalSuccessD)
        << "\n\n";

    out << "3. Tournament: " << r.tournamentTrials << " trials, ranked by final net worth\n";
    Table ranking({ "rank", "agent", "strategy", "mean", "min", "max", "95% CI" });
    for (const auto& e : r.ranking)
        ranking.add({ std::to_string(e.rank), e.agent, e.strategy, fixed(e.worth.mean), fixed(e.worth.min),
            fixed(e.worth.max), "+-" + fixed(e.worth.ci95) });
    out << ranking.str() << "  Cohen's d, Adaptive seeker vs Greedy seeker: " << fixed(r.adaptiveVersusGreedySeekerD)
        << '\n';
    return out.str();
}

std::string formatTrust(const TrustResult& r)
{
    std::ostringstream out;
    out << "EXPERIMENT 3: TRUST FALL\n";
    int part = 1;
    for (const CheaterResult* c : { &r.always, &r.subtle }) {
        out << '\n'
            << part++ << ". " << (c == &r.always ? "Always cheater" : "Subtle cheater") << " (cheat probability "
            << fixed(c->cheatProbability) << "), " << c->rounds << " rounds, seed " << c->seed << "\n";
        Table windows({ "rounds", "honest agents' mean view", "cheater deals" });
        for (const auto& w : c->windows)
            windows.add({ std::to_string(w.firstRound) + "-" + std::to_string(w.lastRound), fixed(w.meanReputation, 3),
                std::to_string(w.cheaterDeals) });
        out << windows.str();
        out << "  defaults: " << c->defaults << ", deals: " << c->totalDeals << ", isolated from round: "
            << (c->isolatedAtRound ? std::to_string(*c->isolatedAtRound) : std::string("never")) << '\n';
        out << "  budget " << fixed(c->startBudget) << " -> " << fixed(c->finalBudget) << ", net worth "
            << fixed(c->startWorth) << " -> " << fixed(c->finalWorth) << '\n';
        out << "  over " << c->trials << " trials: final worth " << fixed(c->finalWorthByTrial.mean) << " +- "
            << fixed(c->finalWorthByTrial.ci95) << ", deals " << fixed(c->dealsByTrial.mean, 1) << ", isolated in "
            << c->isolatedTrials << "\n";
    }
    out << "\n3. Comparison\n";
    Table cmp({ "cheater", "final worth", "deals", "trials: mean worth" });
    cmp.add({ r.always.cheater + " (always)", fixed(r.always.finalWorth), std::to_string(r.always.totalDeals),
        fixed(r.always.finalWorthByTrial.mean) });
    cmp.add({ r.subtle.cheater + " (5%)", fixed(r.subtle.finalWorth), std::to_string(r.subtle.totalDeals),
        fixed(r.subtle.finalWorthByTrial.mean) });
    out << cmp.str() << "  Cohen's d (subtle vs always): final worth " << fixed(r.finalWorthD) << ", deals "
        << fixed(r.dealsD) << '\n';
    return out.str();
}

std::string formatRun(const RunResult& r)
{
    std::ostringstream out;
    out << (r.scenario.name.empty() ? std::string("Scenario") : r.scenario.name) << ": " << r.rounds.size()
        << " rounds, seed " << r.scenario.seed << ", " << r.agents.size() << " agents\n\n";
    int negotiations = 0, deals = 0, defaults = 0;
    for (const auto& s : r.rounds) {
        negotiations += s.negotiations;
        deals += s.deals;
        defaults += s.defaults;
    }
    out << "  negotiations " << negotiations << ", deals " << deals << " ("
        << percent(negotiations ? double(deals) / negotiations : 0.0) << "), defaults " << defaults << "\n\n";
    Table agents({ "agent", "role", "strategy", "deals", "budget", "start worth", "net worth", "reputation" });
    for (const auto& a : r.agents)
        agents.add({ a.id, a.role, a.strategy + (a.reputationAware ? " (rep-aware)" : ""), std::to_string(a.deals),
            fixed(a.budget), fixed(a.startWorth), fixed(a.netWorth), fixed(a.meanReputation, 3) });
    out << agents.str();
    return out.str();
}

} // namespace haggle::lab
