// Determinism of the desktop lab: the state hashes the worker delivers to the GUI, round by round, equal the golden
// hashes (tests/determinism/state-hashes.tsv) that haggle-cli run --hashes and the engine give, whether the rounds
// are stepped one at a time, N at a time or run at full speed, and however the worker batches them.
#include "../determinism/goldenhashes.h"
#include "builtinscenarios.h"
#include "controllertesting.h"
#include "simulationcontroller.h"

#include <QSignalSpy>
#include <QTest>

using namespace haggle;
using namespace haggle::ui;
using haggle::golden::GoldenRun;

using haggle::ui::testing::waitForRound;

namespace {

const std::vector<GoldenRun>& goldenRuns()
{
    static const auto runs = golden::readGoldenHashes(HAGGLE_SOURCE_DIR "/tests/determinism/state-hashes.tsv");
    return runs;
}

// Every hash the controller delivers, in order, and whether each snapshot carried one hash per round.
struct Collector {
    std::vector<std::uint64_t> hashes;
    bool onePerRound = true;

    void add(const SimulationSnapshot& s)
    {
        onePerRound = onePerRound && s.newStateHashes.size() == s.newRounds.size();
        hashes.insert(hashes.end(), s.newStateHashes.begin(), s.newStateHashes.end());
    }
};

} // namespace

class TestControllerHashes : public QObject {
    Q_OBJECT

private slots:
    void hashesEqualTheGoldenFile_data()
    {
        QTest::addColumn<int>("index");
        QTest::addColumn<QString>("mode");
        const auto& runs = goldenRuns();
        for (std::size_t i = 0; i < runs.size(); ++i) {
            if (runs[i].trials)
                continue; // trials are the trial runner's (tests/determinism)
            for (const char* mode : { "step", "stepN", "run" })
                QTest::addRow("%s %s", runs[i].scenario.c_str(), mode) << int(i) << QString::fromLatin1(mode);
        }
    }

    void hashesEqualTheGoldenFile()
    {
        QFETCH(int, index);
        QFETCH(QString, mode);
        const GoldenRun& golden = goldenRuns()[std::size_t(index)];
        Scenario s = lab::builtinScenario(golden.scenario);
        s.rounds = golden.rounds();

        SimulationController c;
        Collector collected;
        connect(&c, &SimulationController::snapshot, this,
            [&](const SimulationSnapshot& snapshot) { collected.add(snapshot); });
        QSignalSpy reset(&c, &SimulationController::resetDone);
        c.setRecordStateHashes(true);
        c.setSpeed(0);
        c.reset(s);
        QVERIFY(reset.wait(30000));
        if (mode == u"step") {
            for (int r = 1; r <= s.rounds; ++r) {
                c.step(1);
                QVERIFY(waitForRound(c, r, 30000));
            }
        } else if (mode == u"stepN") {
            for (int done = 0; done < s.rounds;) {
                const int n = std::min(7, s.rounds - done);
                c.step(n);
                done += n;
                QVERIFY(waitForRound(c, done, 30000));
            }
        } else {
            c.run();
            QTRY_VERIFY_WITH_TIMEOUT(!c.isRunning() && c.round() == s.rounds, 120000);
        }
        QVERIFY(collected.onePerRound);
        const auto& expected = golden.hashes[0];
        QCOMPARE(collected.hashes.size(), expected.size());
        for (std::size_t r = 0; r < expected.size(); ++r)
            QVERIFY2(collected.hashes[r] == expected[r],
                qPrintable(QStringLiteral("round %1: expected %2, got %3")
                               .arg(r + 1)
                               .arg(QString::fromStdString(golden::hexOf(expected[r])),
                                   QString::fromStdString(golden::hexOf(collected.hashes[r])))));
        QCOMPARE(c.latest().stateHash, expected.back());
    }

    // Off by default: hashing every round of a large market costs more than playing it.
    void noPerRoundHashesUnlessAsked()
    {
        SimulationController c;
        Collector collected;
        connect(&c, &SimulationController::snapshot, this, [&](const SimulationSnapshot& s) { collected.add(s); });
        QSignalSpy reset(&c, &SimulationController::resetDone);
        c.reset(lab::builtinScenario("handshake"));
        QVERIFY(reset.wait(30000));
        c.step(5);
        QVERIFY(waitForRound(c, 5, 30000));
        QVERIFY(collected.hashes.empty());
        QVERIFY(c.latest().stateHash != 0); // the snapshot's own hash is always there
    }
};

QTEST_MAIN(TestControllerHashes)
#include "tst_controllerhashes.moc"
