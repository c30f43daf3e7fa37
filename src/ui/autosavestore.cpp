// Autosaves and crash recovery (see autosavestore.h).
#include "autosavestore.h"

#include "chartexport.h"
#include "scenariofile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QUuid>

#include <algorithm>

namespace haggle::ui {

namespace {

const QString FormatName = QStringLiteral("haggle-autosave");
constexpr int FormatVersion = 1;
const QString LockSuffix = QStringLiteral(".lock");
// The scenario is stored as a JSON string, so its escaped text may be about twice the size of a scenario file.
constexpr qint64 MaxAutosaveBytes = 2 * qint64(lab::MaxScenarioFileBytes) + 64 * 1024;

std::unique_ptr<QLockFile> newLock(const QString& path)
{
    auto lock = std::make_unique<QLockFile>(path);
    // A session may run for days: only a dead owner, never the lock's age, makes a lock stale.
    lock->setStaleLockTime(0);
    return lock;
}

} // namespace

AutosaveStore::AutosaveStore(const QString& directory)
    : m_directory(QDir(directory.isEmpty() ? defaultDirectory() : directory).absolutePath())
{
    if (!QDir().mkpath(m_directory))
        return;
    const QString session = QStringLiteral("session-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_file = QDir(m_directory).filePath(session + Suffix);
    auto lock = newLock(lockPathFor(m_file));
    if (lock->tryLock(0))
        m_lock = std::move(lock);
}

AutosaveStore::~AutosaveStore()
{
    remove();
    // Claimed autosaves that were neither restored nor discarded stay for the next start; their locks go with us.
}

QString AutosaveStore::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/autosave");
}

bool AutosaveStore::isLocked() const
{
    return m_lock && m_lock->isLocked();
}

QString AutosaveStore::lockPathFor(const QString& file) const
{
    QString base = file;
    if (base.endsWith(Suffix))
        base.chop(Suffix.size());
    return base + LockSuffix;
}

bool AutosaveStore::write(const QByteArray& scenarioJson, const QString& originalPath, QString* error)
{
    if (!isLocked()) {
        if (error)
            *error
                = QStringLiteral("the autosave directory %1 is not usable").arg(QDir::toNativeSeparators(m_directory));
        return false;
    }
    QJsonObject o;
    o.insert(QStringLiteral("format"), FormatName);
    o.insert(QStringLiteral("version"), FormatVersion);
    o.insert(QStringLiteral("savedAt"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    o.insert(QStringLiteral("originalPath"), originalPath);
    o.insert(QStringLiteral("scenario"), QString::fromUtf8(scenarioJson));
    return charts::saveAtomically(m_file, QJsonDocument(o).toJson(QJsonDocument::Indented), error);
}

void AutosaveStore::remove()
{
    if (isLocked())
        QFile::remove(m_file);
}

bool AutosaveStore::read(const QString& file, Autosave* out, QString* error)
{
    const auto fail = [error](const QString& reason) {
        if (error)
            *error = reason;
        return false;
    };
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return fail(f.errorString());
    if (f.size() > MaxAutosaveBytes)
        return fail(QStringLiteral("the file is too large (%1 bytes)").arg(f.size()));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(QStringLiteral("not JSON: %1").arg(parseError.errorString()));
    const QJsonObject o = doc.object();
    if (o.value(QStringLiteral("format")).toString() != FormatName
        || o.value(QStringLiteral("version")).toInt() != FormatVersion)
        return fail(QStringLiteral("not a Haggle autosave (version %1)").arg(FormatVersion));
    const QDateTime savedAt
        = QDateTime::fromString(o.value(QStringLiteral("savedAt")).toString(), Qt::ISODateWithMs).toUTC();
    if (!savedAt.isValid() || !o.value(QStringLiteral("originalPath")).isString()
        || !o.value(QStringLiteral("scenario")).isString())
        return fail(QStringLiteral("savedAt, originalPath or scenario is missing"));
    const QByteArray scenario = o.value(QStringLiteral("scenario")).toString().toUtf8();
    try {
        (void)lab::parseScenario(std::string_view(scenario.constData(), std::size_t(scenario.size())),
            QFileInfo(file).fileName().toStdString());
    } catch (const std::exception& e) {
        return fail(QString::fromStdString(e.what()));
    }
    if (out)
        *out = { file, o.value(QStringLiteral("originalPath")).toString(), savedAt, scenario };
    return true;
}

AutosaveStore::Scan AutosaveStore::scan()
{
    Scan result;
    const QDir dir(m_directory);
    // Locks without an autosave are left by sessions that ended before they had anything to save, or crashed
    // meanwhile; taking a dead session's lock and letting it go removes the file.
    const QFileInfoList locks = dir.entryInfoList({ QStringLiteral("*") + LockSuffix }, QDir::Files);
    for (const QFileInfo& lockInfo : locks) {
        const QString path = lockInfo.absoluteFilePath();
        if (!m_file.isEmpty() && path == lockPathFor(m_file))
            continue;
        QString autosave = path;
        autosave.chop(LockSuffix.size());
        if (QFileInfo::exists(autosave + Suffix))
            continue;
        if (auto lock = newLock(path); lock->tryLock(0))
            lock->unlock();
    }
    const QFileInfoList files = dir.entryInfoList({ QStringLiteral("*") + Suffix }, QDir::Files);
    for (const QFileInfo& info : files) {
        const QString file = info.absoluteFilePath();
        if (file == m_file || m_claimed.contains(file))
            continue;
        auto lock = newLock(lockPathFor(file));
        if (!lock->tryLock(0))
            continue; // its session is alive (or its lock is unreadable): not ours to offer
        m_claimed.emplace(file, std::move(lock));
        Autosave autosave;
        QString reason;
        if (read(file, &autosave, &reason))
            result.recoverable.push_back(std::move(autosave));
        else
            result.unreadable.emplace_back(file, reason);
    }
    std::sort(result.recoverable.begin(), result.recoverable.end(),
        [](const Autosave& a, const Autosave& b) { return a.savedAt > b.savedAt; });
    return result;
}

bool AutosaveStore::adopt(const Autosave& autosave, QString* error)
{
    if (!write(autosave.scenarioJson, autosave.originalPath, error))
        return false; // keep the old one: it is still the only copy
    discard(autosave.file);
    return true;
}

void AutosaveStore::discard(const QString& file)
{
    const auto it = m_claimed.find(file);
    if (it == m_claimed.end())
        return;
    QFile::remove(file);
    m_claimed.erase(it); // unlocking removes the lock file
}

QString AutosaveStore::setAside(const QString& file)
{
    const auto it = m_claimed.find(file);
    if (it == m_claimed.end())
        return QString();
    QString target = file + CorruptSuffix;
    for (int i = 2; QFileInfo::exists(target); ++i)
        target = file + u'.' + QString::number(i) + CorruptSuffix;
    if (!QFile::rename(file, target)) {
        QFile::remove(file); // it must not block the next start either
        target.clear();
    }
    m_claimed.erase(it);
    return target;
}

void AutosaveStore::release(const QString& file)
{
    m_claimed.erase(file);
}

} // namespace haggle::ui
