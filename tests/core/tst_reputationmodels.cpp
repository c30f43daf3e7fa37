// The reputation catalog's models beside the baseline: Beta, EigenTrust, witness (FIRE-style) and none. Each one's
// formulas on hand-computed examples, and the interface's contract (reputation.h) for every model in the catalog:
// forget(), clone(), meanViewOf() against view(), order-independent digests, views that change only when allowed.
#include "betareputation.h"
#include "eigentrustreputation.h"
#include "kinds.h"
#include "noreputation.h"
#include "rng.h"
#include "witnessreputation.h"

#include <QTest>

#include <cmath>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

using namespace haggle;

namespace {

constexpr AgentIndex Population = 7;
const ReputationSetup Pretrusted { { 0, 2 } }; // for the models that need pre-trusted peers

std::unique_ptr<ReputationModel> make(const std::string& model, const ParameterValues& params = {},
    const ReputationSetup& setup = Pretrusted, std::size_t agents = Population)
{
    ReputationSettings settings;
    settings.model = model;
    settings.params = params;
    auto m = makeReputationModel(settings, setup);
    m->reset(agents);
    return m;
}

bool near(double a, double b, double tolerance = 1e-9)
{
    return std::abs(a - b) <= tolerance;
}

// One random operation, as the simulation makes them: a deal (kept or not), a report (from a witness, NoAgent, or
// the observer itself), or a round's end. Returns whether it was an endRound() that said every view may have changed,
// and sets `subject` to the subject of a deal or report (NoAgent for a round's end).
bool randomOperation(ReputationModel& model, Rng& rng, AgentIndex& subject)
{
    const auto observer = static_cast<AgentIndex>(rng.below(Population));
    subject = static_cast<AgentIndex>(rng.below(Population - 1));
    if (subject >= observer)
        ++subject;
    const std::uint64_t kind = rng.below(10);
    if (kind < 6) {
        model.recordDeal(observer, subject, rng.bernoulli(0.7));
        return false;
    }
    if (kind < 9) {
        const std::uint64_t w = rng.below(Population + 1);
        const AgentIndex witness = w == Population ? NoAgent : static_cast<AgentIndex>(w);
        model.recordReport(observer, subject, rng.uniform01(), witness);
        return false;
    }
    subject = NoAgent;
    return model.endRound(0);
}

std::vector<std::vector<double>> allViews(const ReputationModel& model)
{
    std::vector<std::vector<double>> views(Population, std::vector<double>(Population));
    for (AgentIndex o = 0; o < Population; ++o) {
        for (AgentIndex s = 0; s < Population; ++s)
            views[o][s] = model.view(o, s);
    }
    return views;
}

} // namespace

class TestReputationModels : public QObject {
    Q_OBJECT

private slots:
    // ---- Beta --------------------------------------------------------------------------------------------------

    void betaFollowsTheExpectedValueWithForgetting()
    {
        // lambda 0.9, priors 1 and 1: view = (r + 1) / (r + s + 2).
        //   +   r = 1                        s = 0           view 2 / 3
        //   +   r = 0.9 x 1 + 1 = 1.9        s = 0           view 2.9 / 3.9
        //   -   r = 0.9 x 1.9 = 1.71         s = 1           view 2.71 / 4.71
        //   +   r = 0.9 x 1.71 + 1 = 2.539   s = 0.9         view 3.539 / 5.439
        //   report 0.8 (weight 0.5): r = 0.9 x 2.539 + 0.4 = 2.6851, s = 0.9 x 0.9 + 0.1 = 0.91, view 3.6851 / 5.5951
        auto model = make("beta", { { "forgetting", 0.9 } });
        auto& beta = dynamic_cast<BetaReputation&>(*model);
        QCOMPARE(beta.view(0, 1), 0.5);
        const double expected[] = { 2.0 / 3.0, 2.9 / 3.9, 2.71 / 4.71, 3.539 / 5.439 };
        const bool outcomes[] = { true, true, false, true };
        double before = 0.5;
        for (int k = 0; k < 4; ++k) {
            const auto change = beta.recordDeal(0, 1, outcomes[k]);
            QVERIFY2(near(change.after, expected[k]), qPrintable(QString::number(change.after, 'g', 17)));
            QVERIFY(near(change.before, before));
            QCOMPARE(change.cause, outcomes[k] ? ReputationCause::Fulfilled : ReputationCause::Defaulted);
            before = change.after;
        }
        QVERIFY(near(beta.positiveEvidence(0, 1), 2.539));
        QVERIFY(near(beta.negativeEvidence(0, 1), 0.9));
        const auto report = beta.recordReport(0, 1, 0.8, 3);
        QVERIFY(near(report.after, 3.6851 / 5.5951));
        QCOMPARE(report.cause, ReputationCause::Report);
        QCOMPARE(beta.view(1, 0), 0.5); // views are each observer's own
    }

    void betaDefaultsAndPriors()
    {
        auto model = make("beta"); // lambda 1: evidence is counted
        model->recordDeal(0, 1, false);
        QVERIFY(near(model->view(0, 1), 1.0 / 3.0)); // (0 + 1) / (0 + 1 + 2)
        model->recordDeal(0, 1, false);
        QVERIFY(near(model->view(0, 1), 0.25)); // below the wrapper's 0.3 after two defaults
        // Forgetting 0: only the last outcome counts.
        auto forgetful = make("beta", { { "forgetting", 0.0 } });
        for (int i = 0; i < 5; ++i)
            forgetful->recordDeal(0, 1, false);
        forgetful->recordDeal(0, 1, true);
        QVERIFY(near(forgetful->view(0, 1), 2.0 / 3.0));
        // Priors 3 and 1: a stranger is rated 0.75; a report of 0 at weight 2: (0 + 3) / (0 + 2 + 4).
        auto hopeful = make("beta", { { "prior_positive", 3 }, { "prior_negative", 1 }, { "report_weight", 2 } });
        QCOMPARE(hopeful->view(0, 1), 0.75);
        QCOMPARE(hopeful->meanViewOf(1), 0.75);
        QVERIFY(near(hopeful->recordReport(0, 1, 0.0, NoAgent).after, 0.5));
        // Reports outside [0, 1] count as the nearest end.
        auto clamped = make("beta");
        QVERIFY(near(clamped->recordReport(0, 1, 7.0, 2).after, (0.5 + 1) / (0.5 + 2)));
    }

    // ---- EigenTrust ----------------------------------------------------------------------------------------------

    void eigenTrustWorkedExample_data()
    {
        // Four peers. Deals, as each observer saw them: 0 saw 1 keep two deals and 2 keep one; 1 saw 2 keep one; 2 saw
        // 0 keep one and 3 default once; 3 saw 1 default once. Local trust s_ij = sat_ij - unsat_ij:
        //   s_01 = 2, s_02 = 1, s_12 = 1, s_20 = 1, s_23 = -1, s_31 = -1.
        // Normalised (row 3 has no positive local trust, so it is p):
        //   C = | 0    2/3  1/3  0 |
        //       | 0    0    1    0 |
        //       | 1    0    0    0 |
        //       | p0   p1   p2   p3 |
        // Fixed point of t = (1 - a) C^T t + a p, solved by hand:
        //   P = {0}, a = 0.2:  t0 = 0.8 (t2 + t3) + 0.2, t1 = 0.8 x 2/3 t0, t2 = 0.8 (t0/3 + t1), t3 = 0
        //       => t1 = 8/15 t0, t2 = 52/75 t0, t0 (1 - 208/375) = 0.2 => t = (75, 40, 52, 0) / 167
        //   P = {0}, a = 0:    t0 = t2, t1 = 2/3 t0, t2 = t0/3 + t1 = t0 => t = (3/8, 1/4, 3/8, 0)
        //   P = {0, 1}, a = 0.2: t0 = 0.8 (t2 + t3/2) + 0.1, t1 = 0.8 (2/3 t0 + t3/2) + 0.1, t2 = 0.8 (t0/3 + t1),
        //       t3 = 0 => t1 = 8/15 t0 + 0.1, t2 = 52/75 t0 + 0.08, t0 = 208/375 t0 + 0.164
        //       => t = (123/334, 99/334, 112/334, 0)
        // Views: min(1, N t_j / 2) = min(1, 2 t_j); peer 3 is known (2, with t_2 > 0, dealt with it): view 0.
        QTest::addColumn<double>("a");
        QTest::addColumn<bool>("twoPretrusted");
        QTest::addColumn<QList<double>>("trust");
        QTest::newRow("P={0}, a=0.2") << 0.2 << false << QList<double> { 75.0 / 167, 40.0 / 167, 52.0 / 167, 0.0 };
        QTest::newRow("P={0}, a=0") << 0.0 << false << QList<double> { 3.0 / 8, 1.0 / 4, 3.0 / 8, 0.0 };
        QTest::newRow("P={0,1}, a=0.2") << 0.2 << true << QList<double> { 123.0 / 334, 99.0 / 334, 112.0 / 334, 0.0 };
    }

    void eigenTrustWorkedExample()
    {
        QFETCH(double, a);
        QFETCH(bool, twoPretrusted);
        QFETCH(QList<double>, trust);
        const ReputationSetup setup { twoPretrusted ? std::vector<AgentIndex> { 0, 1 }
                                                    : std::vector<AgentIndex> { 0 } };
        auto model = make("eigentrust", { { "a", a }, { "epsilon", 1e-14 }, { "max_iterations", 10000 } }, setup, 4);
        auto& et = dynamic_cast<EigenTrustReputation&>(*model);
        et.recordDeal(0, 1, true);
        et.recordDeal(0, 1, true);
        et.recordDeal(0, 2, true);
        et.recordDeal(1, 2, true);
        et.recordDeal(2, 0, true);
        et.recordDeal(2, 3, false);
        et.recordDeal(3, 1, false);
        // Nothing moves before the round's end.
        for (AgentIndex j = 0; j < 4; ++j)
            QCOMPARE(et.view(1, j), 0.5);
        QVERIFY(et.endRound(1));
        QVERIFY(et.lastIterations() > 1);
        double total = 0.0;
        for (AgentIndex j = 0; j < 4; ++j) {
            QVERIFY2(near(et.globalTrust(j), trust[j]),
                qPrintable(QStringLiteral("t_%1 = %2").arg(j).arg(et.globalTrust(j), 0, 'g', 17)));
            total += et.globalTrust(j);
            const double view = std::min(1.0, 2.0 * trust[j]);
            for (AgentIndex observer = 0; observer < 4; ++observer)
                QVERIFY(near(et.view(observer, j), view)); // one global view
            QVERIFY(near(et.meanViewOf(j), view));
        }
        QVERIFY(near(total, 1.0));
        QCOMPARE(et.view(0, 3), 0.0); // the defaulter: known, and trusted by nobody
        // Reports change nothing.
        const auto report = et.recordReport(1, 3, 1.0, 0);
        QCOMPARE(report.before, 0.0);
        QCOMPARE(report.after, 0.0);
        QVERIFY(!et.endRound(2)); // no local trust changed: nothing recomputed
        // The table: the observer's local-trust peers with the global views.
        const auto table = et.table(0);
        QCOMPARE(table.size(), std::size_t(2));
        QCOMPARE(table[0].first, AgentIndex(1));
        QCOMPARE(table[1].first, AgentIndex(2));
        QVERIFY(near(table[0].second, std::min(1.0, 2.0 * trust[1])));
    }

    void eigenTrustStopsAtEpsilonOrTheIterationLimit()
    {
        // The example's chain at a = 0.2 contracts by about 0.8 an iteration: a loose epsilon stops early, a limit of
        // 3 stops after exactly 3, and the first iterate from t = p is computable by hand.
        const auto build = [](const ParameterValues& params) {
            auto model = make("eigentrust", params, ReputationSetup { { 0 } }, 4);
            model->recordDeal(0, 1, true);
            model->recordDeal(0, 1, true);
            model->recordDeal(0, 2, true);
            model->recordDeal(1, 2, true);
            model->recordDeal(2, 0, true);
            model->endRound(1);
            return model;
        };
        auto one = build({ { "max_iterations", 1 } });
        // t(1) = 0.8 C^T p + 0.2 p, p = e0: C^T e0 = row 0 of C = (0, 2/3, 1/3, 0).
        const auto& et = dynamic_cast<const EigenTrustReputation&>(*one);
        QCOMPARE(et.lastIterations(), 1);
        QVERIFY(near(et.globalTrust(0), 0.2, 1e-15));
        QVERIFY(near(et.globalTrust(1), 0.8 * 2.0 / 3.0, 1e-15));
        QVERIFY(near(et.globalTrust(2), 0.8 / 3.0, 1e-15));
        QCOMPARE(dynamic_cast<const EigenTrustReputation&>(*build({ { "max_iterations", 3 } })).lastIterations(), 3);
        const int loose = dynamic_cast<const EigenTrustReputation&>(*build({ { "epsilon", 1e-2 } })).lastIterations();
        const int tight = dynamic_cast<const EigenTrustReputation&>(*build({ { "epsilon", 1e-12 } })).lastIterations();
        QVERIFY(loose < tight);
        QVERIFY(tight < 100);
    }

    void eigenTrustNewcomersAreStrangersUntilSomeoneWithASayMeetsThem()
    {
        // Six agents, 0 pre-trusted. 3 and 4 trade with each other before anyone trusted has met either: both are
        // unreachable from 0 (global trust 0), yet stay at `initial`, so the market is not frozen by its first deals.
        auto model = make("eigentrust", {}, ReputationSetup { { 0 } }, 6);
        auto& et = dynamic_cast<EigenTrustReputation&>(*model);
        et.recordDeal(3, 4, true);
        et.recordDeal(4, 3, true);
        QVERIFY(et.endRound(1));
        QCOMPARE(et.globalTrust(3), 0.0);
        QCOMPARE(et.globalTrust(4), 0.0);
        QCOMPARE(et.view(1, 3), 0.5);
        QCOMPARE(et.view(1, 4), 0.5);
        QCOMPARE(et.view(1, 0), 0.5); // the pre-trusted peer too: nobody has dealt with it
        // 0 meets 3 (kept) and 5 (defaulted): 3 gets 0's trust, passes a share on to 4, and 5 earns none.
        et.recordDeal(0, 3, true);
        et.recordDeal(0, 5, false);
        QVERIFY(et.endRound(2));
        QVERIFY(et.globalTrust(3) > 0.0);
        QVERIFY(et.globalTrust(4) > 0.0);
        QVERIFY(near(et.view(1, 3), std::min(1.0, 3.0 * et.globalTrust(3))));
        QVERIFY(near(et.view(1, 4), std::min(1.0, 3.0 * et.globalTrust(4))));
        QCOMPARE(et.view(1, 5), 0.0); // the cheater, once someone with a say has met it
        QCOMPARE(et.view(1, 1), 0.5); // still nobody's partner
        QCOMPARE(et.view(1, 0), 0.5);
    }

    void eigenTrustNeedsPretrustedPeers()
    {
        ReputationSettings settings;
        settings.model = "eigentrust";
        try {
            makeReputationModel(settings, {});
            QFAIL("EigenTrust was made without pre-trusted peers");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(std::string(e.what()).find("pretrusted") != std::string::npos, e.what());
        }
        auto model = makeReputationModel(settings, ReputationSetup { { 5 } });
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, model->reset(5)); // peer 5 of agents 0..4
        model->reset(6);
        QCOMPARE(strangerReputation(settings), 0.5);
    }

    // ---- Witness (FIRE) --------------------------------------------------------------------------------------------

    void witnessReportsWeighByTrustInTheWitness()
    {
        // Defaults: initial 0.5, k 1, beta 0.5, decay 0.95. Observer 0 has three kept deals with witness 1 and two
        // defaults from witness 2:
        //   witness 1: Dv = Dn = 1 + 0.95 + 0.95^2 = 2.8525   direct = (0.5 + 2.8525) / (1 + 2.8525)
        //   witness 2: Dv = 0, Dn = 1 + 0.95 = 1.95           direct = 0.5 / 2.95
        // Each then reports 0 about a subject 0 has never met (3 and 4): view = (0.5 + 0) / (1 + 0.5 tau).
        auto model = make("witness");
        auto& w = dynamic_cast<WitnessReputation&>(*model);
        for (int i = 0; i < 3; ++i)
            w.recordDeal(0, 1, true);
        for (int i = 0; i < 2; ++i)
            w.recordDeal(0, 2, false);
        const double trusted = 3.3525 / 3.8525;
        const double distrusted = 0.5 / 2.95;
        QVERIFY(near(w.directView(0, 1), trusted));
        QVERIFY(near(w.view(0, 1), trusted)); // no reports about 1: the view is the direct view
        QVERIFY(near(w.directView(0, 2), distrusted));
        QCOMPARE(w.directView(0, NoAgent), 0.5);
        QCOMPARE(w.directView(0, 5), 0.5); // a witness 0 has not met

        const auto fromTrusted = w.recordReport(0, 3, 0.0, 1);
        const auto fromDistrusted = w.recordReport(0, 4, 0.0, 2);
        const auto fromNobody = w.recordReport(0, 5, 0.0, NoAgent);
        QVERIFY(near(fromTrusted.after, 0.5 / (1 + 0.5 * trusted)));
        QVERIFY(near(fromDistrusted.after, 0.5 / (1 + 0.5 * distrusted)));
        QVERIFY(near(fromNobody.after, 0.4)); // 0.5 / (1 + 0.5 x 0.5)
        QVERIFY(fromTrusted.after < fromNobody.after && fromNobody.after < fromDistrusted.after);
        QCOMPARE(fromTrusted.before, 0.5);

        // A kept deal with 3 after the report: (0.5 + 1 + 0.5 x 0) / (1 + 1 + 0.5 tau).
        QVERIFY(near(w.recordDeal(0, 3, true).after, 1.5 / (2 + 0.5 * trusted)));
        // A second report from the trusted witness, of 1: the first ages by 0.95.
        //   Wv = tau, Wn = 0.95 tau + tau: view = (0.5 + 1 + 0.5 tau) / (1 + 1 + 0.5 x 1.95 tau)
        QVERIFY(near(w.recordReport(0, 3, 1.0, 1).after, (1.5 + 0.5 * trusted) / (2 + 0.5 * 1.95 * trusted)));
        // Reports do not age one's own experience: 1's direct view is untouched by reports about 1.
        w.recordReport(0, 1, 0.0, 2);
        QVERIFY(near(w.directView(0, 1), trusted));
    }

    void witnessDirectOutcomes()
    {
        auto model = make("witness");
        QVERIFY(near(model->recordDeal(0, 1, false).after, 0.25)); // 0.5 / 2: below the wrapper's 0.3
        QVERIFY(near(model->recordDeal(0, 2, true).after, 0.75)); // 1.5 / 2
        // decay 0.5: a default after a kept deal: Dv = 0.5, Dn = 1.5: (0.5 + 0.5) / (1 + 1.5).
        auto fast = make("witness", { { "decay", 0.5 } });
        fast->recordDeal(0, 1, true);
        QVERIFY(near(fast->recordDeal(0, 1, false).after, 1.0 / 2.5));
        // witness_weight 0: reports ignored.
        auto deaf = make("witness", { { "witness_weight", 0.0 } });
        QCOMPARE(deaf->recordReport(0, 1, 0.0, NoAgent).after, 0.5);
    }

    // ---- none ------------------------------------------------------------------------------------------------------

    void noneTrustsEveryone()
    {
        auto model = make("none");
        QCOMPARE(model->view(0, 1), 1.0);
        const auto change = model->recordDeal(0, 1, false);
        QCOMPARE(change.before, 1.0);
        QCOMPARE(change.after, 1.0);
        QCOMPARE(change.cause, ReputationCause::Defaulted);
        QCOMPARE(model->recordReport(0, 1, 0.0, 2).after, 1.0);
        QVERIFY(!model->endRound(1));
        QCOMPARE(model->view(0, 1), 1.0);
        QCOMPARE(model->meanViewOf(1), 1.0);
        QVERIFY(model->table(0).empty());
        std::vector<AgentIndex> subjects { 1, 2, 3 };
        double out[3] = { 0, 0, 0 };
        model->views(0, subjects, out);
        QCOMPARE(out[2], 1.0);
        ReputationSettings settings;
        settings.model = "none";
        QCOMPARE(strangerReputation(settings), 1.0);
    }

    // ---- Every model: the interface's contract ---------------------------------------------------------------------

    void contract_data()
    {
        QTest::addColumn<QString>("model");
        for (const auto& entry : reputationCatalog().entries())
            QTest::newRow(std::string(entry.info.name).c_str()) << QString::fromUtf8(entry.info.name.data());
    }

    void contract()
    {
        QFETCH(QString, model);
        const std::string name = model.toStdString();
        auto rep = make(name);
        const double stranger = rep->view(0, 1);
        QCOMPARE(rep->name(), std::string_view(name));

        // meanViewOf() is the mean of view() over the others, and changes only through a deal or a report about the
        // subject, or an endRound() that says so.
        Rng rng(17);
        std::vector<double> means(Population);
        for (AgentIndex s = 0; s < Population; ++s)
            means[s] = rep->meanViewOf(s);
        for (int i = 0; i < 3000; ++i) {
            AgentIndex subject = NoAgent;
            const bool all = randomOperation(*rep, rng, subject);
            for (AgentIndex s = 0; s < Population; ++s) {
                const double mean = rep->meanViewOf(s);
                if (!all && s != subject)
                    QVERIFY2(mean == means[s], qPrintable(QStringLiteral("operation %1, subject %2").arg(i).arg(s)));
                means[s] = mean;
            }
            if (i % 50 == 0) {
                for (AgentIndex s = 0; s < Population; ++s) {
                    double sum = 0.0;
                    for (AgentIndex o = 0; o < Population; ++o)
                        sum += o != s ? rep->view(o, s) : 0.0;
                    QVERIFY(std::abs(rep->meanViewOf(s) - sum / (Population - 1)) < 1e-12);
                }
            }
        }
        rep->endRound(0);

        // Views are in [0, 1]; the table is ordered by peer and holds the observer's views.
        for (AgentIndex o = 0; o < Population; ++o) {
            const auto table = rep->table(o);
            for (std::size_t k = 0; k < table.size(); ++k) {
                QVERIFY(k == 0 || table[k - 1].first < table[k].first);
                QCOMPARE(table[k].second, rep->view(o, table[k].first));
            }
            for (AgentIndex s = 0; s < Population; ++s)
                QVERIFY(rep->view(o, s) >= 0.0 && rep->view(o, s) <= 1.0);
        }

        // clone(): the same views, and each goes on on its own.
        auto twin = rep->clone();
        const auto snapshot = allViews(*rep);
        QVERIFY(allViews(*twin) == snapshot);
        for (AgentIndex o = 0; o < Population; ++o)
            QCOMPARE(twin->tableDigest(o), rep->tableDigest(o));
        for (int i = 0; i < 500; ++i) {
            AgentIndex subject = NoAgent;
            randomOperation(*rep, rng, subject);
        }
        rep->endRound(0);
        QVERIFY(allViews(*twin) == snapshot);
        twin->recordDeal(1, 2, false);
        twin->endRound(0);

        // forget(): every other agent's view of the subject is the stranger's; the subject's own views are kept.
        const AgentIndex forgotten = 3;
        const auto before = allViews(*rep);
        rep->forget(forgotten);
        for (AgentIndex o = 0; o < Population; ++o) {
            if (o != forgotten)
                QCOMPARE(rep->view(o, forgotten), stranger);
        }
        for (AgentIndex s = 0; s < Population; ++s) {
            if (s != forgotten)
                QCOMPARE(rep->view(forgotten, s), before[forgotten][s]);
        }
        QCOMPARE(rep->meanViewOf(forgotten), stranger);
        // ... and it stays a stranger through a round's end with no news of it.
        rep->endRound(0);
        for (AgentIndex o = 0; o < Population; ++o) {
            if (o != forgotten)
                QCOMPARE(rep->view(o, forgotten), stranger);
        }

        // Bad input: a report that is not a number is refused.
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, rep->recordReport(0, 1, std::nan(""), 2));
    }

    void contractDigests_data() { contract_data(); }

    void contractDigests()
    {
        // Equal tables give equal digests, whatever order they were built in: the same deals and reports for each
        // pair, in the same order per pair, but the pairs interleaved differently. Reports come from no witness
        // (a witness's weight would depend on what the observer had seen of it by then).
        QFETCH(QString, model);
        struct Operation {
            AgentIndex observer, subject;
            int kind; // 0 kept, 1 defaulted, 2 report
            double reported;
        };
        std::vector<Operation> byPair;
        Rng rng(29);
        for (AgentIndex o = 0; o < Population; ++o) {
            for (AgentIndex s = 0; s < Population; ++s) {
                if (o == s || rng.bernoulli(0.3))
                    continue;
                const auto count = 1 + rng.below(5);
                for (std::uint64_t k = 0; k < count; ++k)
                    byPair.push_back({ o, s, static_cast<int>(rng.below(3)), rng.uniform01() });
            }
        }
        // The same operations, pairs interleaved at random, each pair's own order kept: a stable sort by a random key
        // per pair.
        std::vector<std::uint64_t> keyOf(Population * Population);
        for (auto& key : keyOf)
            key = rng.below(1000000);
        std::vector<Operation> interleaved = byPair;
        std::stable_sort(interleaved.begin(), interleaved.end(), [&](const Operation& x, const Operation& y) {
            return keyOf[x.observer * Population + x.subject] < keyOf[y.observer * Population + y.subject];
        });
        QVERIFY(interleaved.size() == byPair.size() && interleaved.size() > 20);
        const auto build = [&](const std::vector<Operation>& operations) {
            auto rep = make(model.toStdString());
            for (const auto& op : operations) {
                if (op.kind == 2)
                    rep->recordReport(op.observer, op.subject, op.reported, NoAgent);
                else
                    rep->recordDeal(op.observer, op.subject, op.kind == 0);
            }
            rep->endRound(1);
            return rep;
        };
        const auto first = build(byPair);
        const auto second = build(interleaved);
        const auto empty = make(model.toStdString());
        bool anyEntries = false;
        for (AgentIndex o = 0; o < Population; ++o) {
            QCOMPARE(first->table(o), second->table(o));
            QCOMPARE(first->tableDigest(o), second->tableDigest(o));
            anyEntries = anyEntries || !first->table(o).empty();
            if (!first->table(o).empty())
                QVERIFY(first->tableDigest(o) != empty->tableDigest(o));
        }
        QCOMPARE(anyEntries, model != QStringLiteral("none"));
        // And a different table gives a different digest.
        second->recordDeal(0, 1, false);
        second->endRound(2);
        if (model != QStringLiteral("none"))
            QVERIFY(first->tableDigest(0) != second->tableDigest(0));
    }

    // ---- Parameters ------------------------------------------------------------------------------------------------

    void badParametersAreRefused()
    {
        const auto field = [](const std::string& model, const ParameterValues& params) {
            const auto error = reputationCatalog().validate(model, params);
            return error ? error->field : std::string();
        };
        QCOMPARE(field("beta", { { "forgetting", -0.1 } }), std::string("params.forgetting"));
        QCOMPARE(field("beta", { { "forgetting", 1.1 } }), std::string("params.forgetting"));
        QCOMPARE(field("beta", { { "prior_positive", -1 } }), std::string("params.prior_positive"));
        QCOMPARE(field("beta", { { "report_weight", 11 } }), std::string("params.report_weight"));
        QCOMPARE(field("eigentrust", { { "a", 1.5 } }), std::string("params.a"));
        QCOMPARE(field("eigentrust", { { "max_iterations", 2.5 } }), std::string("params.max_iterations"));
        QCOMPARE(field("eigentrust", { { "epsilon", 0 } }), std::string("params.epsilon"));
        QCOMPARE(field("witness", { { "decay", 2 } }), std::string("params.decay"));
        QCOMPARE(field("witness", { { "prior_weight", 0 } }), std::string("params.prior_weight"));
        QCOMPARE(field("none", { { "x", 1 } }), std::string("params.x"));
        // Beta's priors may not both be 0 (a stranger would be 0/0): within range, refused when made.
        ReputationSettings flat;
        flat.model = "beta";
        flat.params = { { "prior_positive", 0 }, { "prior_negative", 0 } };
        try {
            makeReputationModel(flat, {});
            QFAIL("priors of 0 and 0 were accepted");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(std::string(e.what()).find("prior_positive + prior_negative") != std::string::npos, e.what());
        }
        flat.params = { { "prior_positive", 0 } };
        QCOMPARE(strangerReputation(flat), 0.0); // (0 + 0) / (0 + 0 + 0 + 1)
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, BetaReputation(BetaSettings { -0.1, 1, 1, 0.5 }));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, WitnessReputation(WitnessSettings { 0.5, 0.0, 0.5, 0.9 }));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, EigenTrustReputation(EigenTrustSettings {}, {}));
    }
};

QTEST_GUILESS_MAIN(TestReputationModels)
#include "tst_reputationmodels.moc"
