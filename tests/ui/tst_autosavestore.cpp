// Autosaves on their own: what is written reads back; a live session's autosave is never offered to another; a
// clean end leaves nothing behind; autosaves without a live owner are offered newest first and claimed by one store
// at a time; unreadable ones are reported and set aside; an unusable directory fails politely.
#include "autosavestore.h"
#include "builtinscenarios.h"
#include "scenariofile.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace haggle;
using namespace haggle::ui;

namespace {

QByteArray canonical(const char* key, double budget = -1)
{
    Scenario s = lab::builtinScenario(key);
    if (budget >= 0)
        s.agents.at(0).budget = budget;
    return QByteArray::fromStdString(lab::scenarioToJson(s));
}

QStringList entries(const QString& directory)
{
    return QDir(directory).entryList(QDir::Files, QDir::Name);
}

// An autosave whose session is gone without a trace (no lock file at all), as a copy of a live one.
QString orphanCopy(const AutosaveStore& from, const QString& name)
{
    const QString target = QDir(from.directory()).filePath(name + AutosaveStore::Suffix);
    return QFile::copy(from.file(), target) ? target : QString();
}

} // namespace

class TestAutosaveStore : public QObject {
    Q_OBJECT

private slots:
    void writtenAutosaveReadsBack()
    {
        QTemporaryDir dir;
        AutosaveStore store(dir.path());
        QVERIFY(store.isLocked());
        QVERIFY(!QFile::exists(store.file()));
        const QByteArray json = canonical("rush-hour", 123.25);
        const QDateTime before = QDateTime::currentDateTimeUtc().addMSecs(-1);
        QString error;
        QVERIFY2(store.write(json, QStringLiteral("/somewhere/market.json"), &error), qPrintable(error));
        QVERIFY(QFile::exists(store.file()));
        Autosave read;
        QVERIFY2(AutosaveStore::read(store.file(), &read, &error), qPrintable(error));
        QCOMPARE(read.file, store.file());
        QCOMPARE(read.originalPath, QStringLiteral("/somewhere/market.json"));
        QCOMPARE(read.scenarioJson, json); // byte for byte what the Save action writes
        QVERIFY(read.savedAt >= before && read.savedAt <= QDateTime::currentDateTimeUtc());
        store.remove();
        QVERIFY(!QFile::exists(store.file()));
    }

    void liveSessionIsNeverOffered()
    {
        QTemporaryDir dir;
        AutosaveStore live(dir.path());
        QVERIFY(live.write(canonical("handshake"), QString()));
        AutosaveStore other(dir.path());
        const auto found = other.scan();
        QVERIFY(found.recoverable.empty());
        QVERIFY(found.unreadable.empty());
        QVERIFY(QFile::exists(live.file()));
    }

    void cleanEndLeavesNothing()
    {
        QTemporaryDir dir;
        {
            AutosaveStore store(dir.path());
            QVERIFY(store.write(canonical("handshake", 5), QString()));
            QCOMPARE(entries(dir.path()).size(), 2); // the autosave and its lock
        }
        QCOMPARE(entries(dir.path()), QStringList());
    }

    void orphansAreOfferedNewestFirstAndClaimedOnce()
    {
        QTemporaryDir dir;
        QString older, newer;
        {
            AutosaveStore first(dir.path());
            QVERIFY(first.write(canonical("handshake", 1), QStringLiteral("/a/older.json")));
            older = orphanCopy(first, QStringLiteral("session-older"));
            QTest::qWait(5); // distinct savedAt stamps
            QVERIFY(first.write(canonical("handshake", 2), QStringLiteral("/a/newer.json")));
            newer = orphanCopy(first, QStringLiteral("session-newer"));
        }
        QVERIFY(!older.isEmpty() && !newer.isEmpty());
        auto claiming = std::make_unique<AutosaveStore>(dir.path());
        const auto found = claiming->scan();
        QCOMPARE(found.recoverable.size(), std::size_t(2));
        QCOMPARE(found.recoverable[0].file, newer);
        QCOMPARE(found.recoverable[0].originalPath, QStringLiteral("/a/newer.json"));
        QCOMPARE(found.recoverable[1].file, older);
        QCOMPARE(found.recoverable[1].scenarioJson, canonical("handshake", 1));
        // Claimed: another instance starting now does not offer them too.
        {
            AutosaveStore second(dir.path());
            QVERIFY(second.scan().recoverable.empty());
        }
        // Discarded: gone with its lock. Released: offered again.
        claiming->discard(older);
        QVERIFY(!QFile::exists(older));
        claiming->release(newer);
        AutosaveStore third(dir.path());
        const auto again = third.scan();
        QCOMPARE(again.recoverable.size(), std::size_t(1));
        QCOMPARE(again.recoverable[0].file, newer);
        // Adopted: it becomes the adopting session's autosave; the old file and its lock go.
        QVERIFY(third.adopt(again.recoverable[0]));
        QVERIFY(!QFile::exists(newer));
        Autosave adopted;
        QVERIFY(AutosaveStore::read(third.file(), &adopted, nullptr));
        QCOMPARE(adopted.scenarioJson, canonical("handshake", 2));
        QCOMPARE(adopted.originalPath, QStringLiteral("/a/newer.json"));
        claiming.reset();
        const QStringList left = entries(dir.path());
        QCOMPARE(left.size(), 2);
        QVERIFY(left.contains(QFileInfo(third.file()).fileName()));
    }

    void unreadableAutosavesAreReportedAndSetAside_data()
    {
        QTest::addColumn<QByteArray>("contents");
        QTest::addColumn<QString>("reason");
        QTest::newRow("truncated") << QByteArray("{ \"format\": \"haggle-aut") << QStringLiteral("not JSON");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("not JSON");
        QTest::newRow("another format") << QByteArray(R"({ "format": "haggle-scenario", "version": 1 })")
                                        << QStringLiteral("not a Haggle autosave");
        QTest::newRow("no scenario") << QByteArray(
            R"({ "format": "haggle-autosave", "version": 1, "savedAt": "2026-01-01T00:00:00Z", "originalPath": "" })")
                                     << QStringLiteral("missing");
        QJsonObject bad { { QStringLiteral("format"), QStringLiteral("haggle-autosave") },
            { QStringLiteral("version"), 1 }, { QStringLiteral("savedAt"), QStringLiteral("2026-01-01T00:00:00Z") },
            { QStringLiteral("originalPath"), QString() },
            { QStringLiteral("scenario"),
                QString::fromUtf8(canonical("handshake"))
                    .replace(QStringLiteral("\"rounds\""), QStringLiteral("\"roundz\"")) } };
        QTest::newRow("invalid scenario") << QJsonDocument(bad).toJson() << QStringLiteral("rounds");
    }

    void unreadableAutosavesAreReportedAndSetAside()
    {
        QFETCH(QByteArray, contents);
        QFETCH(QString, reason);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("session-bad") + AutosaveStore::Suffix);
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(contents);
        f.close();
        AutosaveStore store(dir.path());
        const auto found = store.scan();
        QVERIFY(found.recoverable.empty());
        QCOMPARE(found.unreadable.size(), std::size_t(1));
        QCOMPARE(found.unreadable[0].first, file);
        QVERIFY2(found.unreadable[0].second.contains(reason), qPrintable(found.unreadable[0].second));
        const QString aside = store.setAside(file);
        QCOMPARE(aside, file + AutosaveStore::CorruptSuffix);
        QVERIFY(!QFile::exists(file));
        QVERIFY(QFile::exists(aside));
        const auto again = store.scan();
        QVERIFY(again.recoverable.empty() && again.unreadable.empty());
    }

    void staleLocksWithoutAutosaveAreCleared()
    {
        QTemporaryDir dir;
        const QString orphanLock = dir.filePath(QStringLiteral("session-gone.lock"));
        QFile f(orphanLock);
        QVERIFY(f.open(QIODevice::WriteOnly));
        // Written by a process of this machine that no longer exists (no pid is that large).
        const QByteArray info = "999999999\nhaggle\n" + QSysInfo::machineHostName().toLocal8Bit() + '\n';
        f.write(info);
        f.close();
        AutosaveStore store(dir.path());
        QVERIFY(store.scan().recoverable.empty());
        QVERIFY(!QFile::exists(orphanLock));
        QCOMPARE(entries(dir.path()).size(), 1); // this session's own lock only
    }

    void unusableDirectoryFailsPolitely()
    {
        QTemporaryDir dir;
        const QString notADirectory = dir.filePath(QStringLiteral("file"));
        QFile f(notADirectory);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        AutosaveStore store(notADirectory + QStringLiteral("/autosave"));
        QVERIFY(!store.isLocked());
        QString error;
        QVERIFY(!store.write(canonical("handshake"), QString(), &error));
        QVERIFY(error.contains(QStringLiteral("not usable")));
        QVERIFY(store.scan().recoverable.empty());
    }
};

QTEST_GUILESS_MAIN(TestAutosaveStore)
#include "tst_autosavestore.moc"
