// Autosaves of unsaved edits and their recovery after a crash. Each window session owns one autosave file in a
// directory shared by every instance, guarded by a QLockFile that lives as long as the session: a live session's
// lock is never taken, so only autosaves whose session died (stale lock, or none) are offered back. A clean end
// of the session removes its autosave and lock; a crash leaves both, and the dead process's lock is then stale.
#pragma once

#include <QDateTime>
#include <QLockFile>
#include <QString>
#include <QStringList>

#include <map>
#include <memory>
#include <vector>

namespace haggle::ui {

// What an autosave holds: the scenario as the Save action would write it, and where it came from.
struct Autosave {
    QString file; // the autosave file itself
    QString originalPath; // the scenario's file when it was autosaved; empty for an unsaved (Untitled) scenario
    QDateTime savedAt; // UTC
    QByteArray scenarioJson; // canonical scenario text (lab::scenarioToJson)
};

class AutosaveStore {
public:
    // `directory` empty: defaultDirectory(). The directory is created if needed.
    explicit AutosaveStore(const QString& directory = QString());
    // A clean end of the session: its autosave and lock are removed.
    ~AutosaveStore();
    AutosaveStore(const AutosaveStore&) = delete;
    AutosaveStore& operator=(const AutosaveStore&) = delete;

    static QString defaultDirectory(); // <AppLocalDataLocation>/autosave
    static inline const QString Suffix = QStringLiteral(".haggle-autosave");
    static inline const QString CorruptSuffix = QStringLiteral(".corrupt");

    QString directory() const { return m_directory; }
    QString file() const { return m_file; } // this session's autosave (which exists only after write())
    bool isLocked() const; // false when the directory is unusable; the session then never autosaves

    // Write this session's autosave atomically. False with a reason when it cannot be written.
    bool write(const QByteArray& scenarioJson, const QString& originalPath, QString* error = nullptr);
    void remove(); // this session's autosave, if any

    // Autosaves left by sessions that are no longer running, newest first. Each is claimed (its session's lock is
    // held by this store) until restored(), discard() or setAside(), so two instances never offer the same one.
    // Files that cannot be read are listed in `unreadable` (also claimed) with the reason.
    struct Scan {
        std::vector<Autosave> recoverable;
        std::vector<std::pair<QString, QString>> unreadable; // file, reason
    };
    Scan scan();
    // Read and check an autosave file (the scenario inside must parse and validate).
    static bool read(const QString& file, Autosave* out, QString* error);

    // A claimed autosave was restored into this session: write it as this session's autosave, then drop the old one.
    bool adopt(const Autosave& autosave, QString* error = nullptr);
    void discard(const QString& file); // delete a claimed autosave and its lock
    QString setAside(const QString& file); // rename a claimed autosave to *.corrupt; returns the new name
    void release(const QString& file); // stop claiming it; it is offered again by the next scan

private:
    QString lockPathFor(const QString& file) const;

    QString m_directory;
    QString m_file;
    std::unique_ptr<QLockFile> m_lock;
    std::map<QString, std::unique_ptr<QLockFile>> m_claimed; // autosave file -> its dead session's lock, now ours
};

} // namespace haggle::ui
