// The metrics and series a sweep can record (see sweepmetrics.h and docs/sweeps.md).
#include "sweepmetrics.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace haggle::lab {

namespace {

using Out = std::vector<MetricValue>;

void add(Out& out, std::string name, std::optional<double> value)
{
    if (value && std::isfinite(*value))
        out.push_back({ std::move(name), *value });
}

std::optional<double> share(double part, double whole)
{
    if (whole <= 0.0)
        return std::nullopt;
    return part / whole;
}

template <typename Fn> double total(const RunResult& r, Fn fn)
{
    double sum = 0.0;
    for (const auto& round : r.rounds)
        sum += fn(round);
    return sum;
}

// Mean of a per-agent value by role, roles in the order they first appear.
template <typename Fn> void byRole(const RunResult& r, const char* prefix, Out& out, Fn fn)
{
    std::vector<std::string> order;
    std::map<std::string, std::pair<double, int>> sums;
    for (const auto& a : r.agents) {
        if (!sums.contains(a.role))
            order.push_back(a.role);
        auto& s = sums[a.role];
        s.first += fn(a);
        ++s.second;
    }
    for (const auto& role : order)
        add(out, std::string(prefix) + "." + role, sums[role].first / sums[role].second);
}

// Mean unit price over the run's deals, each deal counted once.
std::optional<double> meanPrice(const RunResult& r)
{
    if (r.deals.empty())
        return std::nullopt;
    double sum = 0.0;
    for (const auto& d : r.deals)
        sum += d.unitPrice;
    return sum / static_cast<double>(r.deals.size());
}

// Sample standard deviation of the rounds' mean unit prices (rounds with deals), as the prototype's convergence
// experiment measures price stability.
std::optional<double> priceVolatility(const RunResult& r)
{
    std::vector<double> prices;
    for (const auto& round : r.rounds) {
        if (round.meanUnitPrice)
            prices.push_back(*round.meanUnitPrice);
    }
    if (prices.size() < 2)
        return std::nullopt;
    double mean = 0.0;
    for (const double p : prices)
        mean += p;
    mean /= static_cast<double>(prices.size());
    double ss = 0.0;
    for (const double p : prices)
        ss += (p - mean) * (p - mean);
    return std::sqrt(ss / static_cast<double>(prices.size() - 1));
}

// The Gini coefficient of final net worth (0: all equal; towards 1: one agent holds everything). Worth below 0 is
// counted as 0.
std::optional<double> gini(const RunResult& r)
{
    std::vector<double> w;
    for (const auto& a : r.agents)
        w.push_back(std::max(0.0, a.netWorth));
    if (w.size() < 2)
        return std::nullopt;
    std::sort(w.begin(), w.end());
    double sum = 0.0, weighted = 0.0;
    for (std::size_t i = 0; i < w.size(); ++i) {
        sum += w[i];
        weighted += static_cast<double>(i + 1) * w[i];
    }
    if (sum <= 0.0)
        return std::nullopt;
    const double n = static_cast<double>(w.size());
    return (2.0 * weighted) / (n * sum) - (n + 1.0) / n;
}

const DetectionSummary* detection(const RunResult& r)
{
    return r.detection ? &*r.detection : nullptr;
}

std::vector<SweepMetric> makeMetrics()
{
    std::vector<SweepMetric> m;
    m.push_back({ "deals", "Deals agreed in the run", "deals", false,
        [](const RunResult& r, Out& out) { add(out, "deals", total(r, [](const auto& x) { return x.deals; })); } });
    m.push_back(
        { "negotiations", "Negotiations opened in the run", "negotiations", false, [](const RunResult& r, Out& out) {
             add(out, "negotiations", total(r, [](const auto& x) { return x.negotiations; }));
         } });
    m.push_back(
        { "success_rate", "Deals per negotiation over the whole run", "share", false, [](const RunResult& r, Out& out) {
             add(out, "success_rate",
                 share(total(r, [](const auto& x) { return x.deals; }),
                     total(r, [](const auto& x) { return x.negotiations; })));
         } });
    m.push_back({ "needs_met", "Share of the agents' needs that got compute delivered", "share", false,
        [](const RunResult& r, Out& out) {
            add(out, "needs_met", share(total(r, [](const auto& x) { return x.needsMet; }), total(r, [](const auto& x) {
                return x.needs;
            })));
        } });
    m.push_back({ "defaults", "Deals a party defaulted on", "deals", false,
        [](const RunResult& r, Out& out) { add(out, "defaults", static_cast<double>(r.defaults.size())); } });
    m.push_back({ "volume", "Resource units traded", "units", false,
        [](const RunResult& r, Out& out) { add(out, "volume", total(r, [](const auto& x) { return x.volume; })); } });
    m.push_back({ "mean_price", "Mean unit price of the run's deals (none without deals)", "unit price", false,
        [](const RunResult& r, Out& out) { add(out, "mean_price", meanPrice(r)); } });
    m.push_back({ "price_volatility", "Standard deviation of the rounds' mean unit prices", "unit price", false,
        [](const RunResult& r, Out& out) { add(out, "price_volatility", priceVolatility(r)); } });
    m.push_back({ "gini", "Gini coefficient of final net worth (0 equal, 1 one agent has all)", "coefficient", false,
        [](const RunResult& r, Out& out) { add(out, "gini", gini(r)); } });
    m.push_back({ "worth_by_role", "Mean final net worth by role: worth.ROLE", "value", false,
        [](const RunResult& r, Out& out) {
            byRole(r, "worth", out, [](const AgentOutcome& a) { return a.netWorth; });
        } });
    m.push_back({ "gain_by_role", "Mean gain in net worth over the run by role: gain.ROLE", "value", false,
        [](const RunResult& r, Out& out) {
            byRole(r, "gain", out, [](const AgentOutcome& a) { return a.netWorth - a.startWorth; });
        } });
    m.push_back({ "worth_by_agent", "Final net worth of each agent: worth.ID", "value", false,
        [](const RunResult& r, Out& out) {
            for (const auto& a : r.agents)
                add(out, "worth." + a.id, a.netWorth);
        } });
    m.push_back({ "reputation_by_role", "Mean final reputation by role, in the others' eyes: reputation.ROLE", "score",
        false, [](const RunResult& r, Out& out) {
            byRole(r, "reputation", out, [](const AgentOutcome& a) { return a.meanReputation; });
        } });
    m.push_back({ "detection", "Precision, recall and F1 of isolated against cheater at the end (detection.*)", "share",
        false, [](const RunResult& r, Out& out) {
            if (const auto* d = detection(r)) {
                add(out, "detection.precision", d->atEnd.precision());
                add(out, "detection.recall", d->atEnd.recall());
                add(out, "detection.f1", d->atEnd.f1());
            }
        } });
    m.push_back({ "cheaters_isolated", "Share of the cheaters isolated at the end (none without cheaters)", "share",
        false, [](const RunResult& r, Out& out) {
            if (const auto* d = detection(r))
                add(out, "cheaters_isolated", share(d->atEnd.truePositives, d->cheaters()));
        } });
    m.push_back(
        { "honest_isolated", "Honest agents isolated at the end", "agents", false, [](const RunResult& r, Out& out) {
             if (const auto* d = detection(r))
                 add(out, "honest_isolated", d->honestIsolated());
         } });
    m.push_back({ "isolation_round", "Mean isolation round of the isolated cheaters (none if none is)", "round", false,
        [](const RunResult& r, Out& out) {
            const auto* d = detection(r);
            if (!d)
                return;
            double sum = 0.0;
            int n = 0;
            for (const auto& a : d->agents) {
                if (a.cheater && a.isolatedFrom) {
                    sum += *a.isolatedFrom;
                    ++n;
                }
            }
            add(out, "isolation_round", n ? std::optional(sum / n) : std::nullopt);
        } });
    m.push_back({ "loss_to_cheaters", "Price of the deals cheaters defaulted on", "value", false,
        [](const RunResult& r, Out& out) {
            if (const auto* d = detection(r))
                add(out, "loss_to_cheaters", d->lossToCheaters);
        } });
    m.push_back({ "cheater_profit", "Cheaters' mean final worth minus their honest twins' (plays each twin)", "value",
        true, [](const RunResult& r, Out& out) {
            const auto* d = detection(r);
            if (!d)
                return;
            double sum = 0.0;
            int n = 0;
            for (const auto& a : d->agents) {
                if (a.cheater && a.twinWorth) {
                    sum += a.finalWorth - *a.twinWorth;
                    ++n;
                }
            }
            add(out, "cheater_profit", n ? std::optional(sum / n) : std::nullopt);
        } });
    return m;
}

std::vector<SweepSeries> makeSeries()
{
    std::vector<SweepSeries> s;
    s.push_back({ "price", "Mean unit price of the round's deals", "unit price",
        [](const RoundSummary& r) { return r.meanUnitPrice; } });
    s.push_back({ "deals", "Deals agreed in the round", "deals",
        [](const RoundSummary& r) { return std::optional<double>(r.deals); } });
    s.push_back({ "success_rate", "Deals per negotiation in the round", "share",
        [](const RoundSummary& r) { return r.negotiations ? std::optional<double>(r.successRate) : std::nullopt; } });
    s.push_back({ "volume", "Resource units traded in the round", "units",
        [](const RoundSummary& r) { return std::optional<double>(r.volume); } });
    s.push_back({ "defaults", "Defaults in the round", "deals",
        [](const RoundSummary& r) { return std::optional<double>(r.defaults); } });
    s.push_back({ "needs_met", "Share of the round's needs met", "share", [](const RoundSummary& r) {
                     return r.needs ? std::optional<double>(static_cast<double>(r.needsMet) / r.needs) : std::nullopt;
                 } });
    return s;
}

// Metrics and series are looked up, named and listed alike.
template <typename T> std::string joined(const std::vector<T>& kinds)
{
    std::string text;
    for (const auto& k : kinds)
        text += (text.empty() ? "" : ", ") + std::string(k.name);
    return text;
}

template <typename T> const T* byName(const std::vector<T>& kinds, std::string_view name)
{
    for (const auto& k : kinds) {
        if (k.name == name)
            return &k;
    }
    return nullptr;
}

template <typename T> std::vector<KindInfo> infos(const std::vector<T>& kinds)
{
    std::vector<KindInfo> all;
    for (const auto& k : kinds)
        all.push_back({ k.name, k.description, {} });
    return all;
}

} // namespace

const std::vector<SweepMetric>& sweepMetrics()
{
    static const std::vector<SweepMetric> metrics = makeMetrics();
    return metrics;
}

const SweepMetric* findSweepMetric(std::string_view name)
{
    return byName(sweepMetrics(), name);
}

std::string sweepMetricNames()
{
    return joined(sweepMetrics());
}

const std::vector<SweepSeries>& sweepSeries()
{
    static const std::vector<SweepSeries> series = makeSeries();
    return series;
}

const SweepSeries* findSweepSeries(std::string_view name)
{
    return byName(sweepSeries(), name);
}

std::string sweepSeriesNames()
{
    return joined(sweepSeries());
}

CatalogFamily metricFamily()
{
    return { "metric", "what a sweep records of each run: the sweep file's \"metrics\" (docs/sweeps.md)",
        [] { return infos(sweepMetrics()); } };
}

CatalogFamily seriesFamily()
{
    return { "series", "per-round values a sweep can record: the sweep file's \"series\" (docs/sweeps.md)",
        [] { return infos(sweepSeries()); } };
}

} // namespace haggle::lab
