// A test-only experiment kind, in one file: the tests that need it register it with one line,
// registerExperiment<TestExperiment>(experimentCatalog()), and run it through the catalog, the generic JSON, CSV and
// text writers, and the CLI's experiment command, none of which knows it. Its cells cover every kind (whole, real,
// text with CSV-hostile characters, nothing), and it has a series of each chart kind and one exported run.
#pragma once

#include "builtinscenarios.h"
#include "experiment.h"
#include "rng.h"

#include <string>

namespace haggle::lab::test {

class TestExperiment : public Experiment {
public:
    explicit TestExperiment(const Parameters& parameters)
        : Experiment(kindInfo(), parameters)
        , m_trials(parameters.integer("trials"))
        , m_rounds(parameters.integer("rounds"))
    {
    }

    static KindInfo kindInfo()
    {
        return { "test-probe", "A test-only experiment: a few short rush-hour runs",
            {
                { "trials", 3, 1, 50, "runs, one per seed", "trials", ParameterType::Integer },
                { "rounds", 5, 1, 30, "rounds of each run", "rounds", ParameterType::Integer },
            } };
    }

    ExperimentResult run(const ExperimentContext& context) const override
    {
        ExperimentResult result;
        result.experiment = name();
        result.title = "Test probe";
        const int trials = context.trials.value_or(m_trials);
        const std::uint64_t base = context.seed.value_or(7);
        result.parameters = { { "trials", static_cast<long long>(trials) }, { "seed", seedCell(base) } };
        Scenario scenario = builtinScenario("rush-hour");
        scenario.rounds = m_rounds;
        ResultTable table { "probe", "Probe runs",
            { { "trial" }, { "seed", "", 0, true }, { "deals" }, { "mean_unit_price", "unit price", 3 }, { "note" },
                { "missing" } },
            {} };
        ResultSeries line { "deals-by-trial", "Deals by trial", ChartKind::Line, "Trial", "Deals", {},
            { { "deals", {}, {} } } };
        ResultSeries ranking { "trial-ranking", "Deals by trial, as a ranking", ChartKind::Ranking, "Trial", "Deals",
            {}, { { "mean", {}, {} }, { "low", {}, {} }, { "high", {}, {} }, { "ci95", {}, {} } } };
        long long total = 0;
        for (int i = 0; i < trials; ++i) {
            context.checkpoint(double(i) / trials, "trial " + std::to_string(i));
            Scenario s = scenario;
            s.seed = deriveSeed(base, static_cast<std::uint64_t>(i));
            RunResult run = runScenario(s);
            const auto deals = static_cast<long long>(run.deals.size());
            double priceSum = 0.0;
            for (const auto& d : run.deals)
                priceSum += d.unitPrice;
            table.rows.push_back(
                { static_cast<long long>(i), seedCell(s.seed), deals, deals ? Cell(priceSum / double(deals)) : Cell(),
                    std::string(i == 0 ? "=first, \"quoted\"" : "plain"), Cell() });
            line.lines[0].x.push_back(i + 1);
            line.lines[0].y.push_back(double(deals));
            ranking.categories.push_back("trial " + std::to_string(i));
            ranking.lines[0].y.push_back(double(deals));
            ranking.lines[1].y.push_back(double(deals) - 1.0);
            ranking.lines[2].y.push_back(double(deals) + 1.0);
            ranking.lines[3].y.push_back(0.5);
            total += deals;
            if (i == 0)
                result.runs.push_back({ "probe", "Test probe, trial 0", std::move(run) });
        }
        result.tables.push_back(std::move(table));
        result.series.push_back(std::move(line));
        result.series.push_back(std::move(ranking));
        result.findings.push_back({ "probe",
            std::to_string(trials) + " probe runs of " + std::to_string(m_rounds) + " rounds make "
                + std::to_string(total) + " deals.",
            { { "deals", total }, { "nothing", Cell() } } });
        context.checkpoint(1.0, "done");
        return result;
    }

private:
    int m_trials;
    int m_rounds;
};

} // namespace haggle::lab::test
