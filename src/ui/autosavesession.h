// This window's autosave and crash recovery: while the scenario has unsaved changes it is written, a moment after the
// last edit, with the Save action's canonical writer into this session's autosave (autosavestore.h); at start, the
// autosaves of sessions that died are offered back.
#pragma once

#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>
#include <memory>

namespace haggle::ui {

class AutosaveStore;
class ScenarioDocument;

class AutosaveSession : public QObject {
    Q_OBJECT

public:
    // Where unsaved edits are autosaved and how long after the last edit (tests use their own directory and less).
    struct Options {
        QString directory; // empty: AutosaveStore::defaultDirectory()
        int delayMs = 2000;
    };
    enum class Recovery { Restore, Discard, Later };

    AutosaveSession(ScenarioDocument* document, const Options& options, QObject* parent = nullptr);
    ~AutosaveSession() override;

    AutosaveStore* store() const noexcept { return m_store.get(); }
    // Offer back the autosaves of sessions that crashed, newest first, asking `ask` about each, until one is
    // restored into the document. Unreadable autosaves are set aside. Returns whether one was restored; what happened
    // is said through message().
    bool offerRecovery(const std::function<Recovery(const QString& question)>& ask);
    // Saved or discarded: nothing is left to recover.
    void discard();

signals:
    void message(const QString& text, int timeoutMs);

private:
    void schedule();
    void writeNow();

    ScenarioDocument* m_document;
    std::unique_ptr<AutosaveStore> m_store;
    QTimer m_timer;
    bool m_failing = false; // reported once, not at every edit
};

} // namespace haggle::ui
