// This window's autosave and crash recovery (see autosavesession.h).
#include "autosavesession.h"

#include "autosavestore.h"
#include "scenariodocument.h"
#include "scenariofile.h"

#include <QFileInfo>
#include <QLocale>

namespace haggle::ui {

AutosaveSession::AutosaveSession(ScenarioDocument* document, const Options& options, QObject* parent)
    : QObject(parent)
    , m_document(document)
    , m_store(std::make_unique<AutosaveStore>(options.directory))
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(options.delayMs);
    connect(&m_timer, &QTimer::timeout, this, &AutosaveSession::writeNow);
    // Every edit restarts the wait, so a burst of edits is written once; back to clean (saved, undone, a new or
    // loaded scenario) removes the autosave at once.
    connect(m_document, &ScenarioDocument::changed, this, &AutosaveSession::schedule);
    connect(m_document, &ScenarioDocument::fileChanged, this, &AutosaveSession::schedule);
}

AutosaveSession::~AutosaveSession() = default;

void AutosaveSession::discard()
{
    m_timer.stop();
    m_store->remove();
}

void AutosaveSession::schedule()
{
    if (m_document->isModified()) {
        m_timer.start();
        return;
    }
    discard();
}

void AutosaveSession::writeNow()
{
    if (!m_document->isModified())
        return;
    QString reason;
    const bool ok = m_store->write(
        QByteArray::fromStdString(lab::scenarioToJson(m_document->scenario())), m_document->filePath(), &reason);
    if (!ok && !m_failing)
        emit message(QStringLiteral("Autosave failed: %1").arg(reason), 10000);
    m_failing = !ok;
}

bool AutosaveSession::offerRecovery(const std::function<Recovery(const QString& question)>& ask)
{
    AutosaveStore::Scan found = m_store->scan();
    QStringList notes;
    for (const auto& [file, reason] : found.unreadable) {
        const QString kept = m_store->setAside(file);
        notes.append(kept.isEmpty() ? QStringLiteral("An autosave could not be read (%1) and was removed.").arg(reason)
                                    : QStringLiteral("An autosave could not be read (%1); it was kept aside as %2.")
                                          .arg(reason, QFileInfo(kept).fileName()));
    }
    bool restored = false;
    for (const Autosave& autosave : found.recoverable) {
        if (restored) {
            m_store->release(autosave.file); // offered again at the next start
            continue;
        }
        const QString name = autosave.originalPath.isEmpty() ? QStringLiteral("Untitled")
                                                             : QFileInfo(autosave.originalPath).fileName();
        const QString question
            = QStringLiteral("Haggle closed unexpectedly while %1 had unsaved changes. They were autosaved at %2.\n\n"
                             "Restore them, or discard them?")
                  .arg(name, QLocale().toString(autosave.savedAt.toLocalTime(), QLocale::ShortFormat));
        const Recovery answer = ask ? ask(question) : Recovery::Later;
        if (answer == Recovery::Discard) {
            m_store->discard(autosave.file);
            continue;
        }
        if (answer == Recovery::Later) {
            m_store->release(autosave.file);
            continue;
        }
        try {
            const QByteArray& text = autosave.scenarioJson;
            m_document->restoreUnsaved(
                lab::parseScenario(std::string_view(text.constData(), std::size_t(text.size())), name.toStdString()),
                autosave.originalPath);
        } catch (const std::exception& e) { // read() parsed this very text; a guard, not an expected path
            m_store->setAside(autosave.file);
            notes.append(QStringLiteral("The autosave of %1 could not be restored (%2).")
                             .arg(name, QString::fromStdString(e.what())));
            continue;
        }
        QString reason;
        if (!m_store->adopt(autosave, &reason))
            notes.append(QStringLiteral("Restored %1, but it could not be autosaved again: %2.").arg(name, reason));
        else
            notes.append(QStringLiteral("Restored the unsaved changes to %1.").arg(name));
        restored = true;
    }
    if (!notes.isEmpty())
        emit message(notes.join(u' '), 20000);
    return restored;
}

} // namespace haggle::ui
