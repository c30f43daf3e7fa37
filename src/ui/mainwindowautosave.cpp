// The main window's autosave and crash recovery (see mainwindow.h and autosavestore.h): while the scenario has
// unsaved changes it is written, a moment after the last edit, with the Save action's canonical writer into this
// session's autosave; at start, autosaves of sessions that died are offered back.
#include "mainwindow.h"

#include "autosavestore.h"
#include "scenariodocument.h"
#include "scenariofile.h"

#include <QFileInfo>
#include <QLocale>
#include <QPushButton>
#include <QStatusBar>

namespace haggle::ui {

void MainWindow::setupAutosave(const AutosaveOptions& options)
{
    askToRestore = [this](const QString& question) {
        QMessageBox box(
            QMessageBox::Warning, QStringLiteral("Recover unsaved changes"), question, QMessageBox::NoButton, this);
        QPushButton* restore = box.addButton(QStringLiteral("&Restore"), QMessageBox::AcceptRole);
        QAbstractButton* discard = box.addButton(QMessageBox::Discard);
        box.setDefaultButton(restore);
        box.exec();
        // Neither button (the box closed some other way): keep the autosave for the next start.
        return box.clickedButton() == restore ? Recovery::Restore
            : box.clickedButton() == discard  ? Recovery::Discard
                                              : Recovery::Later;
    };
    m_autosave = std::make_unique<AutosaveStore>(options.directory);
    m_autosaveTimer.setSingleShot(true);
    m_autosaveTimer.setInterval(options.delayMs);
    connect(&m_autosaveTimer, &QTimer::timeout, this, &MainWindow::autosaveNow);
    // Every edit restarts the wait, so a burst of edits is written once; back to clean (saved, undone, a new or
    // loaded scenario) removes the autosave at once.
    connect(m_document, &ScenarioDocument::changed, this, &MainWindow::scheduleAutosave);
    connect(m_document, &ScenarioDocument::fileChanged, this, &MainWindow::scheduleAutosave);
}

void MainWindow::scheduleAutosave()
{
    if (!m_autosave)
        return; // the window is being torn down
    if (m_document->isModified()) {
        m_autosaveTimer.start();
        return;
    }
    m_autosaveTimer.stop();
    m_autosave->remove();
}

void MainWindow::autosaveNow()
{
    if (!m_autosave || !m_document->isModified())
        return;
    QString reason;
    const bool ok = m_autosave->write(
        QByteArray::fromStdString(lab::scenarioToJson(m_document->scenario())), m_document->filePath(), &reason);
    if (!ok && !m_autosaveFailing)
        statusBar()->showMessage(QStringLiteral("Autosave failed: %1").arg(reason), 10000);
    m_autosaveFailing = !ok;
}

bool MainWindow::offerRecovery()
{
    AutosaveStore::Scan found = m_autosave->scan();
    QStringList notes;
    for (const auto& [file, reason] : found.unreadable) {
        const QString kept = m_autosave->setAside(file);
        notes.append(kept.isEmpty() ? QStringLiteral("An autosave could not be read (%1) and was removed.").arg(reason)
                                    : QStringLiteral("An autosave could not be read (%1); it was kept aside as %2.")
                                          .arg(reason, QFileInfo(kept).fileName()));
    }
    bool restored = false;
    for (const Autosave& autosave : found.recoverable) {
        if (restored) {
            m_autosave->release(autosave.file); // offered again at the next start
            continue;
        }
        const QString name = autosave.originalPath.isEmpty() ? QStringLiteral("Untitled")
                                                             : QFileInfo(autosave.originalPath).fileName();
        const QString question
            = QStringLiteral("Haggle closed unexpectedly while %1 had unsaved changes. They were autosaved at %2.\n\n"
                             "Restore them, or discard them?")
                  .arg(name, QLocale().toString(autosave.savedAt.toLocalTime(), QLocale::ShortFormat));
        const Recovery answer = askToRestore ? askToRestore(question) : Recovery::Later;
        if (answer == Recovery::Discard) {
            m_autosave->discard(autosave.file);
            continue;
        }
        if (answer == Recovery::Later) {
            m_autosave->release(autosave.file);
            continue;
        }
        try {
            const QByteArray& text = autosave.scenarioJson;
            m_document->restoreUnsaved(
                lab::parseScenario(std::string_view(text.constData(), std::size_t(text.size())), name.toStdString()),
                autosave.originalPath);
        } catch (const std::exception& e) { // read() parsed this very text; a guard, not an expected path
            m_autosave->setAside(autosave.file);
            notes.append(QStringLiteral("The autosave of %1 could not be restored (%2).")
                             .arg(name, QString::fromStdString(e.what())));
            continue;
        }
        resetRun();
        QString reason;
        if (!m_autosave->adopt(autosave, &reason))
            notes.append(QStringLiteral("Restored %1, but it could not be autosaved again: %2.").arg(name, reason));
        else
            notes.append(QStringLiteral("Restored the unsaved changes to %1.").arg(name));
        restored = true;
    }
    if (!notes.isEmpty())
        statusBar()->showMessage(notes.join(u' '), 20000);
    return restored;
}

} // namespace haggle::ui
