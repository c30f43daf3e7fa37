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

JsonDocument cellJson(const Cell& cell)
{
    if (const auto* i = std::get_if<long long>(&cell))
        return *i;
    if (const auto* d = std::get_if<double>(&cell))
        return num(*d);
    if (const auto* t = std::get_if<std::string>(&cell))
        return *t;
    return nullptr;
}

JsonDocument namedJson(const std::vector<NamedValue>& values)
{
    JsonDocument object = JsonDocument::object();
    for (const auto& v : values)
        object[v.name] = cellJson(v.value);
    return object;
}

JsonDocument countsJson(const DetectionCounts& c)
{
    return { { "true_positives", c.truePositives }, { "false_positives", c.falsePositives },
        { "false_negatives", c.falseNegatives }, { "true_negatives", c.trueNegatives },
        { "precision", num(c.precision()) }, { "recall", num(c.recall()) }, { "f1", num(c.f1()) } };
}

JsonDocument detectionJson(const DetectionSummary& d)
{
    JsonDocument agents = JsonDocument::array();
    for (const auto& a : d.agents) {
        JsonDocument spans = JsonDocument::array();
        for (const auto& s : a.isolations)
            spans.push_back({ s.first, s.last });
        JsonDocument agent { { "id", a.id }, { "cheater", a.cheater }, { "reputation_aware", a.aware },
            { "isolated_from_round", a.isolatedFrom ? JsonDocument(*a.isolatedFrom) : JsonDocument() },
            { "isolations", std::move(spans) }, { "identities", a.identities }, { "defaults", a.defaults },
            { "loss_inflicted", num(a.lossInflicted) }, { "final_worth", num(a.finalWorth) } };
        if (a.twinWorth) {
            agent["honest_twin_worth"] = num(*a.twinWorth);
            agent["profit_over_honest_twin"] = num(a.finalWorth - *a.twinWorth);
        }
        agents.push_back(std::move(agent));
    }
    JsonDocument doc = countsJson(d.atEnd);
    doc["cheaters"] = d.cheaters();
    doc["honest_isolated"] = d.honestIsolated();
    doc["loss_to_cheaters"] = num(d.lossToCheaters);
    doc["agents"] = std::move(agents);
    return doc;
}

JsonDocument numbersJson(const std::vector<double>& values)
{
    JsonDocument array = JsonDocument::array();
    for (double v : values)
        array.push_back(num(v));
    return array;
}

JsonDocument tableJson(const ResultTable& t)
{
    JsonDocument columns = JsonDocument::array();
    for (const auto& c : t.columns)
        columns.push_back({ { "name", c.name }, { "unit", c.unit } });
    JsonDocument rows = JsonDocument::array();
    for (const auto& row : t.rows) {
        JsonDocument object = JsonDocument::object();
        for (std::size_t c = 0; c < t.columns.size(); ++c)
            object[t.columns[c].name] = c < row.size() ? cellJson(row[c]) : JsonDocument(nullptr);
        rows.push_back(std::move(object));
    }
    return { { "title", t.title }, { "columns", std::move(columns) }, { "rows", std::move(rows) } };
}

JsonDocument seriesJson(const ResultSeries& s)
{
    JsonDocument lines = JsonDocument::array();
    for (const auto& l : s.lines) {
        JsonDocument line = { { "name", l.name }, { "x", numbersJson(l.x) }, { "y", numbersJson(l.y) } };
        if (!l.low.empty() || !l.high.empty()) { // a band's bounds; absent for a line without one
            line["low"] = numbersJson(l.low);
            line["high"] = numbersJson(l.high);
        }
        lines.push_back(std::move(line));
    }
    return { { "title", s.title }, { "chart", chartKindName(s.chart) }, { "x_title", s.xTitle },
        { "y_title", s.yTitle }, { "categories", s.categories }, { "lines", std::move(lines) } };
}

} // namespace

JsonDocument toJson(const ExperimentResult& r)
{
    JsonDocument findings = JsonDocument::array();
    for (const auto& f : r.findings) {
        JsonDocument finding = { { "id", f.id }, { "statement", f.statement }, { "values", namedJson(f.values) } };
        if (f.holds) // a claim: whether it holds in this run
            finding["holds"] = *f.holds;
        findings.push_back(std::move(finding));
    }
    JsonDocument tables = JsonDocument::object();
    for (const auto& t : r.tables)
        tables[t.name] = tableJson(t);
    JsonDocument series = JsonDocument::object();
    for (const auto& s : r.series)
        series[s.name] = seriesJson(s);
    // A run's rounds and agents are in its own files (--out); here, what identifies it.
    JsonDocument runs = JsonDocument::array();
    for (const auto& run : r.runs)
        runs.push_back({ { "name", run.name }, { "title", run.title }, { "scenario", run.run.scenario.name },
            { "rounds", run.run.rounds.size() }, { "seed", run.run.scenario.seed }, { "deals", run.run.deals.size() },
            { "defaults", run.run.defaults.size() },
            { "state_hash", run.run.stateHashes.empty() ? std::string() : hashText(run.run.stateHashes.back()) } });
    JsonDocument doc = { { "experiment", r.experiment }, { "title", r.title }, { "rules", r.rules },
        { "parameters", namedJson(r.parameters) }, { "findings", std::move(findings) }, { "tables", std::move(tables) },
        { "series", std::move(series) }, { "runs", std::move(runs) } };
    if (!r.transcript.empty())
        doc["transcript"] = r.transcript; // what it printed, verbatim
    return doc;
}

JsonDocument toJson(const RunResult& r)
{
    JsonDocument rounds = JsonDocument::array();
    for (std::size_t i = 0; i < r.rounds.size(); ++i) {
        const RoundSummary& s = r.rounds[i];
        rounds.push_back({ { "round", s.round }, { "phase", s.phase }, { "needs", s.needs },
            { "needs_met", s.needsMet }, { "negotiations", s.negotiations }, { "deals", s.deals },
            { "defaults", s.defaults }, { "success_rate", num(s.successRate) },
            { "mean_unit_price", num(s.meanUnitPrice) }, { "volume", num(s.volume) }, { "job_value", num(s.jobValue) },
            { "surplus", num(s.surplus) }, { "maximum_surplus", num(s.maximumSurplus) },
            { "bargaining",
                { { "analysed", s.bargaining.analysed }, { "agreed", s.bargaining.agreed },
                    { "mean_buyer_utility", num(s.bargaining.meanBuyerUtility) },
                    { "mean_seller_utility", num(s.bargaining.meanSellerUtility) },
                    { "mean_nash_distance", num(s.bargaining.meanNashDistance) },
                    { "mean_pareto_distance", num(s.bargaining.meanParetoDistance) },
                    { "mean_price_over_spe", num(s.bargaining.meanPriceOverRubinstein) } } },
            { "state_hash", hashAfter(r, i) } });
    }
    JsonDocument agents = JsonDocument::array();
    for (const auto& a : r.agents)
        agents.push_back(
            { { "id", a.id }, { "role", a.role }, { "strategy", a.strategy }, { "reputation_aware", a.reputationAware },
                { "budget", num(a.budget) }, { "holdings", bundle(a.holdings) }, { "start_worth", num(a.startWorth) },
                { "net_worth", num(a.netWorth) }, { "mean_reputation", num(a.meanReputation) }, { "deals", a.deals } });
    JsonDocument doc { { "scenario",
                           { { "name", r.scenario.name }, { "rounds", r.scenario.rounds }, { "seed", r.scenario.seed },
                               { "agents", r.scenario.agents.size() } } },
        { "rounds", std::move(rounds) }, { "agents", std::move(agents) }, { "deals", r.deals.size() },
        { "defaults", r.defaults.size() },
        { "state_hash", r.stateHashes.empty() ? std::string() : hashText(r.stateHashes.back()) } };
    if (r.detection)
        doc["detection"] = detectionJson(*r.detection);
    return doc;
}

std::string roundsCsv(const RunResult& r)
{
    CsvWriter csv({ "round", "phase", "needs", "needs_met", "negotiations", "deals", "defaults", "success_rate",
        "mean_unit_price", "volume", "job_value", "surplus", "maximum_surplus", "total_net_worth", "buyer_utility",
        "seller_utility", "nash_distance", "pareto_distance", "price_over_spe", "state_hash" });
    for (std::size_t i = 0; i < r.rounds.size(); ++i) {
        const RoundSummary& s = r.rounds[i];
        double worth = 0.0;
        for (double w : s.netWorth)
            worth += w;
        csv.integer(s.round).text(s.phase).integer(s.needs).integer(s.needsMet).integer(s.negotiations);
        csv.integer(s.deals).integer(s.defaults).number(s.successRate).number(s.meanUnitPrice.value_or(NAN));
        csv.number(s.volume).number(s.jobValue).number(s.surplus).number(s.maximumSurplus.value_or(NAN)).number(worth);
        const BargainingTally& b = s.bargaining;
        csv.number(b.meanBuyerUtility.value_or(NAN)).number(b.meanSellerUtility.value_or(NAN));
        csv.number(b.meanNashDistance.value_or(NAN)).number(b.meanParetoDistance.value_or(NAN));
        csv.number(b.meanPriceOverRubinstein.value_or(NAN)).text(hashAfter(r, i));
        csv.endRow();
    }
    return csv.str();
}

std::string tableCsv(const ResultTable& t)
{
    std::vector<std::string> header;
    for (const auto& c : t.columns)
        header.push_back(c.name);
    CsvWriter csv(header);
    for (const auto& row : t.rows) {
        for (std::size_t c = 0; c < t.columns.size(); ++c) {
            const Cell cell = c < row.size() ? row[c] : Cell();
            if (const auto* i = std::get_if<long long>(&cell))
                csv.integer(*i);
            else if (const auto* d = std::get_if<double>(&cell))
                csv.number(*d);
            else
                csv.text(cellText(cell));
        }
        csv.endRow();
    }
    return csv.str();
}

std::string seriesCsv(const ResultSeries& s)
{
    const auto at
        = [](const std::vector<double>& values, std::size_t i) { return i < values.size() ? values[i] : std::nan(""); };
    if (s.chart == ChartKind::Ranking || s.chart == ChartKind::Heatmap) {
        const bool ranking = s.chart == ChartKind::Ranking;
        // A ranking's categories are its rows and its lines the columns; a heatmap's the other way round.
        std::vector<std::string> header { ranking ? "category" : "row" };
        if (ranking) {
            for (const auto& l : s.lines)
                header.push_back(l.name);
        } else {
            header.insert(header.end(), s.categories.begin(), s.categories.end());
        }
        CsvWriter csv(header);
        if (ranking) {
            for (std::size_t c = 0; c < s.categories.size(); ++c) {
                csv.text(s.categories[c]);
                for (const auto& l : s.lines)
                    csv.number(at(l.y, c));
                csv.endRow();
            }
        } else {
            for (const auto& l : s.lines) {
                csv.text(l.name);
                for (std::size_t c = 0; c < s.categories.size(); ++c)
                    csv.number(at(l.y, c));
                csv.endRow();
            }
        }
        return csv.str();
    }
    const bool band = s.chart == ChartKind::Band;
    CsvWriter csv(band ? std::vector<std::string> { "series", "x", "y", "low", "high" }
                       : std::vector<std::string> { "series", "x", "y" });
    for (const auto& l : s.lines) {
        for (std::size_t i = 0; i < l.x.size() && i < l.y.size(); ++i) {
            csv.text(l.name).number(l.x[i]).number(l.y[i]);
            if (band)
                csv.number(at(l.low, i)).number(at(l.high, i));
            csv.endRow();
        }
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

std::string detectionCsv(const RunResult& r)
{
    if (!r.detection)
        return {};
    CsvWriter csv({ "agent", "cheater", "reputation_aware", "isolated_from_round", "isolations", "identities",
        "defaults", "loss_inflicted", "final_worth", "honest_twin_worth", "profit_over_honest_twin" });
    for (const auto& a : r.detection->agents) {
        csv.text(a.id).text(a.cheater ? "true" : "false").text(a.aware ? "true" : "false");
        csv.text(a.isolatedFrom ? std::to_string(*a.isolatedFrom) : std::string());
        csv.number(static_cast<double>(a.isolations.size())).number(a.identities).number(a.defaults);
        csv.number(a.lossInflicted).number(a.finalWorth);
        if (a.twinWorth)
            csv.number(*a.twinWorth).number(a.finalWorth - *a.twinWorth);
        else
            csv.text("").text("");
        csv.endRow();
    }
    return csv.str();
}

} // namespace haggle::lab
