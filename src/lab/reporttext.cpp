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

// A cell as a text table shows it: shares as percentages, reals to the column's decimals, nothing as "-".
std::string shownText(const Cell& cell, const ResultColumn& column)
{
    if (const auto* i = std::get_if<long long>(&cell))
        return std::to_string(*i);
    if (const auto* d = std::get_if<double>(&cell))
        return column.unit == "share" && std::isfinite(*d) ? percent(*d) : fixed(*d, column.decimals);
    if (const auto* s = std::get_if<std::string>(&cell))
        return *s;
    return "-";
}

} // namespace

std::string formatExperiment(const ExperimentResult& r)
{
    std::string title = r.title;
    std::transform(title.begin(), title.end(), title.begin(), [](unsigned char c) { return std::toupper(c); });
    std::ostringstream out;
    out << title << "\n";
    std::vector<std::string> unprinted;
    for (const auto& t : r.tables) {
        if (!t.printed) {
            unprinted.push_back(t.name + " (" + std::to_string(t.rows.size()) + " rows)");
            continue;
        }
        std::vector<std::size_t> shown;
        std::vector<std::string> header;
        for (std::size_t c = 0; c < t.columns.size(); ++c) {
            if (!t.columns[c].detail) {
                shown.push_back(c);
                header.push_back(t.columns[c].name);
            }
        }
        Table table(header);
        for (const auto& row : t.rows) {
            std::vector<std::string> cells;
            for (std::size_t c : shown)
                cells.push_back(c < row.size() ? shownText(row[c], t.columns[c]) : std::string("-"));
            table.add(std::move(cells));
        }
        out << '\n' << t.title << '\n' << table.str();
    }
    if (!r.findings.empty()) {
        out << "\nFindings\n";
        for (const auto& f : r.findings)
            out << "  - " << f.statement << '\n';
    }
    if (!unprinted.empty()) {
        out << "\nIn --json and --out only:";
        for (std::size_t i = 0; i < unprinted.size(); ++i)
            out << (i ? ", " : " ") << unprinted[i];
        out << '\n';
    }
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
    if (r.detection && r.detection->cheaters() + r.detection->honestIsolated() > 0) {
        const DetectionSummary& d = *r.detection;
        const auto optionalText = [](const std::optional<double>& v) { return v ? fixed(*v, 3) : std::string("-"); };
        out << "\n  detection: " << d.cheaters() << " cheater(s), " << d.atEnd.truePositives << " isolated, "
            << d.honestIsolated() << " honest isolated; precision " << optionalText(d.atEnd.precision()) << ", recall "
            << optionalText(d.atEnd.recall()) << ", F1 " << optionalText(d.atEnd.f1()) << "; loss to cheaters "
            << fixed(d.lossToCheaters) << "\n\n";
        Table detection({ "agent", "cheater", "isolated from", "isolations", "identities", "defaults", "loss inflicted",
            "profit over honest twin" });
        for (const auto& a : d.agents) {
            if (!a.cheater && a.isolations.empty())
                continue;
            detection.add({ a.id, a.cheater ? "yes" : "no", a.isolatedFrom ? std::to_string(*a.isolatedFrom) : "-",
                std::to_string(a.isolations.size()), std::to_string(a.identities), std::to_string(a.defaults),
                fixed(a.lossInflicted), a.twinWorth ? fixed(a.finalWorth - *a.twinWorth) : "-" });
        }
        out << detection.str();
    }
    return out.str();
}

} // namespace haggle::lab
