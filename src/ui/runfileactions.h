// Run files in the desktop lab (runfile.h): File > Save Run... writes the current run so far as a .haggle-run (its
// scenario, this version, every round's state hash and parts), and opening a .haggle-run (File > Open, Open Recent,
// the command line or a drop) loads its scenario, replays it to the recorded round with the timeline over every
// round, and checks each replayed round's hash against the file: the status bar says "identical" or the first round
// that differs, and in what.
#pragma once

#include "runfile.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <optional>

class QWidget;

namespace haggle::ui {

class Run;
class ScenarioDocument;

class RunFileActions : public QObject {
    Q_OBJECT

public:
    struct Hooks {
        std::function<Run*()> currentRun;
        std::function<void()> resetRun; // the current run starts over with the document's scenario
        std::function<void(const QString& title, const QString& text)> error;
    };
    RunFileActions(QWidget* window, ScenarioDocument* document, Hooks hooks, QObject* parent = nullptr);

    // Asks where, then writes the current run (its rounds so far) as a run file.
    void saveRun();
    // Writes the current run to `path` once the worker has sent it (the status bar says when); false if the run has
    // no rounds to save.
    bool saveRunTo(const QString& path);
    // Opens a run file: loads its scenario into the document and replays it with verification. A malformed file is
    // refused with an error naming the place; nothing changes then.
    bool openRun(const QString& path);

    // The verification of the run file being replayed, if any: how many rounds agreed so far and the first that did
    // not (0: none yet).
    int verifiedRounds() const noexcept { return m_verified; }
    int firstDifference() const noexcept { return m_firstDifference; }
    bool verifying() const noexcept { return m_record.has_value(); }

signals:
    void statusMessage(const QString& text, int timeoutMs);
    // A replayed run file reached its last recorded round, or differed.
    void verified(bool identical, const QString& summary);
    void saved(const QString& path);

private:
    void checkHashes(const std::vector<std::uint64_t>& hashes, int lastRound);
    void finishVerification(bool identical, const QString& summary);

    QWidget* m_window;
    ScenarioDocument* m_document;
    Hooks m_hooks;
    std::optional<lab::RunFile> m_record; // the run file being replayed and checked
    QString m_recordPath;
    QPointer<Run> m_replaying;
    int m_verified = 0;
    int m_firstDifference = 0;
};

} // namespace haggle::ui
