// The desktop lab's table models under QAbstractItemModelTester, and their edits and live values.
#include "agenttablemodel.h"
#include "builtinscenarios.h"
#include "demandrulesmodel.h"
#include "inspectormodels.h"
#include "phasesummarymodel.h"
#include "roundsummarymodel.h"
#include "scenariodocument.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QSignalSpy>
#include <QTest>

using namespace haggle;
using namespace haggle::ui;

namespace {

std::vector<AgentLive> liveFor(std::size_t n)
{
    std::vector<AgentLive> live(n);
    for (std::size_t i = 0; i < n; ++i)
        live[i] = { 10.0 * double(i), {}, 100.0 + double(i), 0.25, int(i) };
    return live;
}

} // namespace

class TestUiModels : public QObject {
    Q_OBJECT

private slots:
    void agentTableModel()
    {
        ScenarioDocument doc;
        doc.loadBuiltin(QStringLiteral("trust-fall-always"));
        AgentTableModel model(&doc);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 6);
        QCOMPARE(model.index(5, AgentTableModel::IdColumn).data().toString(), QStringLiteral("cheater_mallory"));
        QCOMPARE(model.index(0, AgentTableModel::TrustColumn).data().toString(), QStringLiteral("0.30"));
        QCOMPARE(model.index(5, AgentTableModel::TrustColumn).data().toString(), QStringLiteral("off"));
        QVERIFY(model.index(5, AgentTableModel::ParametersColumn)
                    .data()
                    .toString()
                    .contains(QStringLiteral("cheat_probability 1")));
        QVERIFY(!(model.flags(model.index(0, AgentTableModel::NetWorthColumn)) & Qt::ItemIsEditable));
        QVERIFY(model.flags(model.index(0, AgentTableModel::BudgetColumn)) & Qt::ItemIsEditable);

        // Edits go through the document and can be undone.
        QVERIFY(model.setData(model.index(0, AgentTableModel::BudgetColumn), 80.0));
        QCOMPARE(doc.scenario().agents[0].budget, 80.0);
        QVERIFY(model.setData(model.index(2, AgentTableModel::StrategyColumn), QStringLiteral("greedy")));
        QCOMPARE(doc.scenario().agents[2].strategy.type, std::string("greedy"));
        QVERIFY(doc.scenario().agents[2].strategy.params.empty());
        QVERIFY(model.setData(model.index(2, AgentTableModel::TrustColumn), -1.0));
        QVERIFY(!doc.scenario().agents[2].strategy.trustThreshold);
        QVariantMap params;
        params.insert(QStringLiteral("greed_factor"), 0.5);
        QVERIFY(model.setData(model.index(2, AgentTableModel::ParametersColumn), params));
        QCOMPARE(doc.scenario().agents[2].strategy.params.at("greed_factor"), 0.5);
        doc.undoStack()->undo();
        QVERIFY(doc.scenario().agents[2].strategy.params.empty());
        // A seller's unit cost, its reservation price in the auctions.
        QVERIFY(model.setData(model.index(2, AgentTableModel::UnitCostColumn), 0.7));
        QCOMPARE(doc.scenario().agents[2].unitCost, 0.7);
        doc.undoStack()->undo();
        QCOMPARE(doc.scenario().agents[2].unitCost, 0.0);

        // Invalid values are refused in place, with a reason.
        QSignalSpy refused(&model, &AgentTableModel::editRefused);
        QVERIFY(!model.setData(model.index(1, AgentTableModel::UrgencyColumn), 1.5));
        QVERIFY(!model.setData(model.index(1, AgentTableModel::IdColumn), QStringLiteral("honest_alice")));
        QVERIFY(!model.setData(model.index(1, AgentTableModel::UnitCostColumn), -1.0));
        QVERIFY(!model.setData(model.index(1, AgentTableModel::GpuColumn), QStringLiteral("lots")));
        QCOMPARE(refused.count(), 4);
        QVERIFY(model.lastError().contains(QStringLiteral("expected a number")));
        QCOMPARE(doc.scenario().agents[1].urgency, 0.4);

        // Live columns follow snapshots of the right size only.
        QCOMPARE(model.index(3, AgentTableModel::NetWorthColumn).data().toString(), QStringLiteral("-"));
        model.setLive(liveFor(6));
        QCOMPARE(model.index(3, AgentTableModel::NetWorthColumn).data().toString(), QStringLiteral("103.00"));
        QCOMPARE(model.index(3, AgentTableModel::DealsColumn).data().toInt(), 3);
        model.setLive(liveFor(4));
        QCOMPARE(model.index(3, AgentTableModel::DealsColumn).data().toInt(), 3);
        // Structural changes reset the model (and drop live values).
        QVERIFY(doc.removeAgents({ 0 }) == false); // named in the demand
        AgentSpec extra = doc.scenario().agents[0];
        extra.id = "newcomer";
        QVERIFY(doc.insertAgents(6, { extra }));
        QCOMPARE(model.rowCount(), 7);
        QVERIFY(!model.hasLive());
    }

    void roundSummaryModel()
    {
        RoundSummaryModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCapacity(25);
        std::vector<RoundSummary> rounds;
        for (int r = 1; r <= 20; ++r) {
            RoundSummary s;
            s.round = r;
            s.negotiations = 4;
            s.deals = r % 3;
            s.successRate = s.deals / 4.0;
            if (s.deals)
                s.meanUnitPrice = 1.0 + r / 100.0;
            rounds.push_back(s);
        }
        model.append(rounds);
        QCOMPARE(model.rowCount(), 20);
        QCOMPARE(model.index(2, RoundSummaryModel::PriceColumn).data().toString(), QStringLiteral("-"));
        QCOMPARE(model.index(0, RoundSummaryModel::PriceColumn).data().toString(), QStringLiteral("1.010"));
        QCOMPARE(model.index(1, RoundSummaryModel::SuccessColumn).data().toString(), QStringLiteral("50%"));
        model.append(rounds); // over capacity: the oldest rows go
        QCOMPARE(model.rowCount(), 25);
        QCOMPARE(model.index(0, RoundSummaryModel::RoundColumn).data().toInt(), 16);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    // Normal rounds against the rush, over every round of each however the rounds arrive: counts, the success rate
    // of the summed deals and negotiations (not a mean of per-round rates) and the deals' mean unit price.
    void phaseSummaryModel()
    {
        PhaseSummaryModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        std::vector<RoundSummary> rounds;
        for (int r = 1; r <= 30; ++r) {
            RoundSummary s;
            s.round = r;
            const bool rush = r >= 11 && r <= 20;
            s.phase = rush ? "rush hour" : "";
            s.negotiations = rush ? 10 : 4;
            s.deals = rush ? (r == 11 ? 1 : 0) : 2;
            s.successRate = double(s.deals) / s.negotiations;
            s.needs = rush ? 10 : 4;
            s.needsMet = s.deals;
            if (s.deals)
                s.meanUnitPrice = rush ? 2.5 : 1.0 + (r % 2) * 0.5; // normal rounds alternate 1.5 and 1.0
            rounds.push_back(s);
        }
        // Fed as snapshots cut anywhere: the first holds normal rounds only.
        model.append({ rounds.begin(), rounds.begin() + 7 });
        QCOMPARE(model.rowCount(), 1);
        model.append({ rounds.begin() + 7, rounds.begin() + 16 });
        QCOMPARE(model.rowCount(), 2);
        model.append({ rounds.begin() + 16, rounds.end() });
        QCOMPARE(model.rowCount(), 2);

        const auto cell = [&](int row, int column) { return model.index(row, column).data().toString(); };
        QCOMPARE(cell(0, PhaseSummaryModel::PhaseColumn), QStringLiteral("normal"));
        QCOMPARE(cell(0, PhaseSummaryModel::RoundsColumn), QStringLiteral("20"));
        QCOMPARE(cell(0, PhaseSummaryModel::NegotiationsColumn), QStringLiteral("80"));
        QCOMPARE(cell(0, PhaseSummaryModel::DealsColumn), QStringLiteral("40"));
        QCOMPARE(cell(0, PhaseSummaryModel::SuccessColumn), QStringLiteral("50%"));
        QCOMPARE(cell(0, PhaseSummaryModel::NeedsMetColumn), QStringLiteral("50%"));
        QCOMPARE(cell(0, PhaseSummaryModel::PriceColumn), QStringLiteral("1.250"));
        QCOMPARE(cell(1, PhaseSummaryModel::PhaseColumn), QStringLiteral("rush hour"));
        QCOMPARE(cell(1, PhaseSummaryModel::RoundsColumn), QStringLiteral("10"));
        QCOMPARE(cell(1, PhaseSummaryModel::NegotiationsColumn), QStringLiteral("100"));
        QCOMPARE(cell(1, PhaseSummaryModel::DealsColumn), QStringLiteral("1"));
        QCOMPARE(cell(1, PhaseSummaryModel::SuccessColumn), QStringLiteral("1%"));
        QCOMPARE(cell(1, PhaseSummaryModel::NeedsMetColumn), QStringLiteral("1%"));
        QCOMPARE(cell(1, PhaseSummaryModel::PriceColumn), QStringLiteral("2.500"));
        QCOMPARE(model.totals().at(1).successRate(), 0.01);
        QCOMPARE(model.summaryLine(),
            QStringLiteral(
                "normal 50% of 80, needs met 50% (1.250/unit) \u00b7 rush hour 1% of 100, needs met 1% (2.500/unit)"));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(model.summaryLine().isEmpty());
    }

    void demandRulesModel()
    {
        DemandRulesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const Scenario s = lab::builtinScenario("trust-fall-always");
        model.setRules(s.demand.rules);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, DemandRulesModel::WhoColumn).data().toString(),
            QStringLiteral("honest_alice, honest_bob, honest_carol, honest_dave, seeker_eve"));
        QCOMPARE(model.index(0, DemandRulesModel::CountColumn).data().toString(), QStringLiteral("3"));
        QCOMPARE(model.index(1, DemandRulesModel::CountColumn).data().toString(), QString());
        // An edit is handed to the owner, and only shows once the owner accepts it.
        QSignalSpy edited(&model, &DemandRulesModel::rulesEdited);
        QVERIFY(!model.setData(model.index(1, DemandRulesModel::ProbabilityColumn), 0.25));
        QCOMPARE(edited.count(), 1);
        const auto rules = edited.at(0).at(0).value<std::vector<NeedRule>>();
        QCOMPARE(rules[1].probability, 0.25);
        model.setRules(rules);
        QCOMPARE(model.index(1, DemandRulesModel::ProbabilityColumn).data().toString(), QStringLiteral("0.25"));
        QVERIFY(!model.setData(model.index(0, DemandRulesModel::WhoColumn), QStringLiteral("role:")));
        NeedRule r;
        QVERIFY(DemandRulesModel::parseWho(QStringLiteral("role:seeker"), r));
        QCOMPARE(r.who, NeedRule::Who::Role);
        QVERIFY(DemandRulesModel::parseWho(QStringLiteral(" all "), r));
        QCOMPARE(r.who, NeedRule::Who::All);
        QVERIFY(DemandRulesModel::parseWho(QStringLiteral("a, b"), r));
        QCOMPARE(r.agents.size(), std::size_t(2));
    }

    void learnedTableModel()
    {
        LearnedTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        LearnedTable t;
        t.strategy = "q-learning";
        t.states = { "s0", "s1", "s2" };
        t.actions = { "accept", "propose 1.00" };
        t.values = { 2.0, 2.0, 0.5, 1.5, 2.0, 2.0 };
        t.visits = { 0, 0, 1, 3, 0, 0 };
        model.setTable(t);
        QCOMPARE(model.rowCount(), 1); // only s1 has been met
        QCOMPARE(model.columnCount(), int(LearnedTableModel::FirstActionColumn) + 2);
        QCOMPARE(model.data(model.index(0, LearnedTableModel::BestColumn)).toString(), QStringLiteral("propose 1.00"));
        QVERIFY(
            model.data(model.index(0, LearnedTableModel::FirstActionColumn + 1), Qt::FontRole).value<QFont>().bold());
        // New values, the same rows: updated in place, not started over (a view keeps its place).
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
        t.values[2] = 1.8;
        t.visits[2] = 2;
        model.setTable(t);
        QCOMPARE(resets.count(), 0);
        QCOMPARE(changes.count(), 1);
        QCOMPARE(model.data(model.index(0, LearnedTableModel::BestColumn)).toString(), QStringLiteral("accept"));
        // A state met for the first time: a new row, the model starts over.
        t.visits[5] = 1;
        model.setTable(t);
        QCOMPARE(resets.count(), 1);
        QCOMPARE(model.rowCount(), 2);
        model.setMetOnly(false);
        QCOMPARE(model.rowCount(), 3);
        model.setTable(std::nullopt);
        QCOMPARE(model.rowCount(), 0);
    }

    void inspectorModels()
    {
        ReputationTableModel reputation;
        DealHistoryModel deals;
        QAbstractItemModelTester t1(&reputation, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t2(&deals, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QStringList ids { QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c") };
        reputation.setAgentIds(ids);
        deals.setAgentIds(ids);
        reputation.setTable({ { 1, 0.8 }, { 2, 0.2 } }, 0.3);
        QCOMPARE(reputation.rowCount(), 2);
        QCOMPARE(reputation.index(1, 0).data().toString(), QStringLiteral("c"));
        QCOMPARE(reputation.index(1, 1).data(Qt::ForegroundRole).value<QColor>(), QColor(Qt::red));
        QVERIFY(!reputation.index(0, 1).data(Qt::ForegroundRole).isValid());
        reputation.setTable({ { 1, 0.9 }, { 2, 0.1 } }, 0.3); // same peers: updated in place
        QCOMPARE(reputation.index(0, 1).data().toString(), QStringLiteral("0.900"));
        deals.setDeals(
            { { 1, 2, Side::Buyer, { 5, 0, 0 }, 5.0, false }, { 2, 1, Side::Seller, { 5, 0, 0 }, 5.5, true } });
        QCOMPARE(deals.rowCount(), 2);
        QCOMPARE(deals.index(0, DealHistoryModel::RoundColumn).data().toInt(), 2); // newest first
        QCOMPARE(deals.index(1, DealHistoryModel::FulfilledColumn).data().toString(), QStringLiteral("defaulted"));
        QCOMPARE(deals.index(1, DealHistoryModel::PartnerColumn).data().toString(), QStringLiteral("c"));
        QCOMPARE(deals.index(0, DealHistoryModel::ResourcesColumn).data().toString(), QStringLiteral("GPU 5"));
    }
};

QTEST_MAIN(TestUiModels)
#include "tst_uimodels.moc"
