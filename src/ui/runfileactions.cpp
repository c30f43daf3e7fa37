// Run files in the desktop lab (see runfileactions.h).
#include "runfileactions.h"

#include "run.h"
#include "scenariodocument.h"
#include "settings.h"
#include "simulationcontroller.h"
#include "statehashes.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>

namespace haggle::ui {

namespace {

constexpr int StatusMs = 15000;

QString hashString(std::uint64_t hash)
{
    return QString::fromStdString(lab::hashText(hash));
}

} // namespace

RunFileActions::RunFileActions(QWidget* window, ScenarioDocument* document, Hooks hooks, QObject* parent)
    : QObject(parent)
    , m_window(window)
    , m_document(document)
    , m_hooks(std::move(hooks))
{
}

void RunFileActions::saveRun()
{
    Run* run = m_hooks.currentRun();
    if (!run || run->newestRound() == 0) {
        m_hooks.error(
            QStringLiteral("Save Run"), QStringLiteral("The run has no rounds yet: play some, then save it."));
        return;
    }
    Settings settings;
    QString name = QString::fromStdString(run->scenario().name).trimmed();
    name.replace(QDir::separator(), u'-');
    const QString suggested = QDir(settings.lastDirectory())
                                  .filePath((name.isEmpty() ? QStringLiteral("run") : name)
                                      + QStringLiteral("-round-%1.haggle-run").arg(run->newestRound()));
    const QString path = QFileDialog::getSaveFileName(
        m_window, QStringLiteral("Save run"), suggested, QStringLiteral("Haggle runs (*.haggle-run);;All files (*)"));
    if (!path.isEmpty())
        saveRunTo(path);
}

bool RunFileActions::saveRunTo(const QString& path)
{
    Run* run = m_hooks.currentRun();
    if (!run || run->newestRound() == 0)
        return false;
    auto* controller = run->controller();
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = connect(
        controller, &SimulationController::recordReady, this, [this, path, connection](const lab::RunFile& received) {
            disconnect(*connection);
            if (received.hashes.empty()) {
                m_hooks.error(QStringLiteral("Save Run"),
                    QStringLiteral("This market is too large to keep a run's history: there is nothing to save."));
                return;
            }
            lab::RunFile file = received;
            file.haggleVersion = HAGGLE_VERSION;
            try {
                lab::saveRunFile(path.toStdString(), file);
            } catch (const std::exception& e) {
                m_hooks.error(QStringLiteral("Save Run"), QString::fromStdString(e.what()));
                return;
            }
            Settings settings;
            settings.setLastDirectory(QFileInfo(path).absolutePath());
            emit statusMessage(QStringLiteral("Saved the run's %1 rounds to %2 (check it with haggle-cli verify)")
                                   .arg(file.rounds())
                                   .arg(QFileInfo(path).fileName()),
                StatusMs);
            emit saved(path);
        });
    controller->requestRecord();
    return true;
}

bool RunFileActions::openRun(const QString& path)
{
    lab::RunFile record;
    try {
        record = lab::loadRunFile(path.toStdString());
    } catch (const lab::RunFileError& e) {
        m_hooks.error(
            QStringLiteral("Cannot open %1").arg(QFileInfo(path).fileName()), QString::fromStdString(e.what()));
        return false;
    }
    m_document->setScenario(record.scenario, QFileInfo(path).completeBaseName());
    m_record = std::move(record);
    m_recordPath = path;
    m_verified = 0;
    m_firstDifference = 0;
    Run* run = m_hooks.currentRun();
    if (m_replaying)
        disconnect(m_replaying, nullptr, this, nullptr);
    m_replaying = run;
    run->controller()->setRecordStateHashes(true); // from the reset below
    connect(run, &Run::snapshotChanged, this,
        [this](const SimulationSnapshot& s) { checkHashes(s.newStateHashes, s.round); });
    m_hooks.resetRun();
    const int rounds = m_record->rounds();
    if (rounds == 0) {
        finishVerification(true, QStringLiteral("The run file records no rounds"));
        return true;
    }
    run->controller()->runTo(rounds);
    emit statusMessage(QStringLiteral("Replaying %1: %2 rounds, checking each round's state hash...")
                           .arg(QFileInfo(path).fileName())
                           .arg(rounds),
        0);
    return true;
}

void RunFileActions::checkHashes(const std::vector<std::uint64_t>& hashes, int lastRound)
{
    if (!m_record)
        return;
    const int first = lastRound - int(hashes.size()) + 1;
    for (std::size_t k = 0; k < hashes.size(); ++k) {
        const int round = first + int(k);
        if (round < 1 || round > m_record->rounds())
            continue;
        const std::uint64_t recorded = m_record->hashes[std::size_t(round - 1)];
        if (hashes[k] != recorded) {
            m_firstDifference = round;
            finishVerification(false,
                QStringLiteral("%1 differs at round %2: state hash %3, recorded %4")
                    .arg(QFileInfo(m_recordPath).fileName())
                    .arg(round)
                    .arg(hashString(hashes[k]), hashString(recorded)));
            return;
        }
        m_verified = round;
    }
    if (m_verified == m_record->rounds())
        finishVerification(true,
            QStringLiteral("%1: identical, %2 rounds replayed with every state hash as recorded%3")
                .arg(QFileInfo(m_recordPath).fileName())
                .arg(m_verified)
                .arg(m_record->haggleVersion == HAGGLE_VERSION
                        ? QString()
                        : QStringLiteral(" (recorded by Haggle %1, replayed by %2)")
                              .arg(QString::fromStdString(m_record->haggleVersion), QStringLiteral(HAGGLE_VERSION))));
}

void RunFileActions::finishVerification(bool identical, const QString& summary)
{
    if (m_replaying) {
        disconnect(m_replaying, &Run::snapshotChanged, this, nullptr);
        m_replaying->controller()->setRecordStateHashes(false); // from the next reset: hashing costs time
    }
    m_record.reset();
    emit statusMessage(summary, 0);
    emit verified(identical, summary);
}

} // namespace haggle::ui
