// Determinism of the engine and the trial runner against the golden state hashes (state-hashes.tsv): a plain loop
// over haggle::Simulation, lab::stateHashes (what haggle-cli run --hashes prints) and lab::trialStateHashes with 1,
// 2, 3 and 8 threads all give the file's hashes, round by round. And a perturbed run does not.
#include "builtinscenarios.h"
#include "goldenhashes.h"
#include "rng.h"
#include "simulation.h"
#include "statehashes.h"

#include <QTest>

#include <algorithm>

using namespace haggle;
using haggle::golden::GoldenRun;

namespace {

const std::vector<GoldenRun>& goldenRuns()
{
    static const auto runs = golden::readGoldenHashes(HAGGLE_SOURCE_DIR "/tests/determinism/state-hashes.tsv");
    return runs;
}

const GoldenRun& goldenRun(const QString& label)
{
    for (const auto& r : goldenRuns()) {
        if (QString::fromStdString(r.label()) == label)
            return r;
    }
    throw std::out_of_range("no golden run " + label.toStdString());
}

Scenario scenarioOf(const GoldenRun& run)
{
    Scenario s = lab::builtinScenario(run.scenario);
    s.rounds = run.rounds();
    return s;
}

// The reference everything else is held to: the engine stepped in a plain loop, nothing in between.
std::vector<std::uint64_t> plainLoop(const Scenario& scenario)
{
    Simulation sim(scenario);
    std::vector<std::uint64_t> hashes;
    for (int r = 0; r < scenario.rounds; ++r) {
        sim.step();
        hashes.push_back(sim.stateHash());
    }
    return hashes;
}

// Empty when equal, else the first round that differs.
QByteArray firstDifference(const std::vector<std::uint64_t>& expected, const std::vector<std::uint64_t>& actual)
{
    for (std::size_t i = 0; i < std::min(expected.size(), actual.size()); ++i) {
        if (expected[i] != actual[i])
            return QByteArray("round ") + QByteArray::number(qulonglong(i + 1)) + ": expected "
                + QByteArray::fromStdString(golden::hexOf(expected[i])) + ", got "
                + QByteArray::fromStdString(golden::hexOf(actual[i]));
    }
    if (expected.size() != actual.size())
        return "expected " + QByteArray::number(qulonglong(expected.size())) + " rounds, got "
            + QByteArray::number(qulonglong(actual.size()));
    return {};
}

} // namespace

class TestStateHashes : public QObject {
    Q_OBJECT

private slots:
    void goldenFileCoversTheScenarios()
    {
        QStringList runs;
        for (const auto& r : goldenRuns())
            runs.append(QString::fromStdString(r.label()));
        for (const char* key :
            { "handshake", "rush-hour", "scarcity", "trust-fall-always", "trust-fall-subtle", "market-1000" })
            QVERIFY2(runs.contains(QLatin1String(key)), key);
        QVERIFY(std::any_of(goldenRuns().begin(), goldenRuns().end(), [](const auto& r) { return r.trials >= 8; }));
    }

    void engineGivesTheGoldenHashes_data()
    {
        QTest::addColumn<QString>("run");
        for (const auto& r : goldenRuns()) {
            if (!r.trials)
                QTest::newRow(r.label().c_str()) << QString::fromStdString(r.label());
        }
    }

    void engineGivesTheGoldenHashes()
    {
        QFETCH(QString, run);
        const GoldenRun& golden = goldenRun(run);
        const Scenario s = scenarioOf(golden);
        const auto reference = plainLoop(s);
        QByteArray diff = firstDifference(golden.hashes[0], reference);
        QVERIFY2(diff.isEmpty(), QByteArray("plain Simulation loop: " + diff).constData());
        diff = firstDifference(golden.hashes[0], lab::stateHashes(s));
        QVERIFY2(diff.isEmpty(), QByteArray("lab::stateHashes: " + diff).constData());
    }

    void trialsGiveTheGoldenHashesForAnyThreadCount_data()
    {
        QTest::addColumn<QString>("run");
        QTest::addColumn<int>("threads");
        for (const auto& r : goldenRuns()) {
            if (!r.trials)
                continue;
            for (int threads : { 1, 2, 3, 8 })
                QTest::addRow("%s, %d threads", r.label().c_str(), threads)
                    << QString::fromStdString(r.label()) << threads;
        }
    }

    void trialsGiveTheGoldenHashesForAnyThreadCount()
    {
        QFETCH(QString, run);
        QFETCH(int, threads);
        const GoldenRun& golden = goldenRun(run);
        const Scenario s = scenarioOf(golden);
        const auto trials = lab::trialStateHashes(s, golden.trials, threads);
        QCOMPARE(int(trials.size()), golden.trials);
        for (int i = 0; i < golden.trials; ++i) {
            const auto t = std::size_t(i);
            QCOMPARE(trials[t].trial, i);
            QCOMPARE(trials[t].seed, golden.seeds[t]);
            QByteArray diff = firstDifference(golden.hashes[t], trials[t].hashes);
            QVERIFY2(diff.isEmpty(), QByteArray("trial " + QByteArray::number(i) + ": " + diff).constData());
            // The same trial as a plain sequential loop, its seed derived by hand.
            if (threads == 1) {
                Scenario one = s;
                one.seed = deriveSeed(s.seed, std::uint64_t(i));
                QCOMPARE(one.seed, golden.seeds[t]);
                diff = firstDifference(golden.hashes[t], plainLoop(one));
                QVERIFY2(
                    diff.isEmpty(), QByteArray("plain loop, trial " + QByteArray::number(i) + ": " + diff).constData());
            }
        }
    }

    // The comparison can fail: a seed one off, or a budget a millionth off, gives other hashes from round 1 on.
    void aPerturbedRunDiffers()
    {
        const GoldenRun& golden = goldenRun(QStringLiteral("rush-hour"));
        Scenario seed = scenarioOf(golden);
        seed.seed += 1;
        QVERIFY(plainLoop(seed).front() != golden.hashes[0].front());
        Scenario budget = scenarioOf(golden);
        budget.agents[0].budget += 1e-6;
        QVERIFY(plainLoop(budget).front() != golden.hashes[0].front());
    }
};

QTEST_APPLESS_MAIN(TestStateHashes)
#include "tst_statehashes.moc"
