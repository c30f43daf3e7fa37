// Persistent settings (see settings.h).
#include "settings.h"

#include <QDir>

namespace haggle::ui {

namespace {
const QString GeometryKey = QStringLiteral("window/geometry");
const QString StateKey = QStringLiteral("window/state");
const QString RecentKey = QStringLiteral("files/recent");
const QString DirectoryKey = QStringLiteral("files/lastDirectory");
const QString SpeedKey = QStringLiteral("run/speed");
const QString StepKey = QStringLiteral("run/stepCount");
} // namespace

Settings::Settings() = default;

QByteArray Settings::geometry() const
{
    return m_settings.value(GeometryKey).toByteArray();
}

void Settings::setGeometry(const QByteArray& value)
{
    m_settings.setValue(GeometryKey, value);
}

QByteArray Settings::windowState() const
{
    return m_settings.value(StateKey).toByteArray();
}

void Settings::setWindowState(const QByteArray& value)
{
    m_settings.setValue(StateKey, value);
}

QStringList Settings::recentFiles() const
{
    return m_settings.value(RecentKey).toStringList();
}

void Settings::setRecentFiles(const QStringList& files)
{
    m_settings.setValue(RecentKey, files.mid(0, MaxRecentFiles));
}

void Settings::addRecentFile(const QString& file)
{
    QStringList files = recentFiles();
    files.removeAll(file);
    files.prepend(file);
    setRecentFiles(files);
}

int Settings::speed() const
{
    return std::max(0, m_settings.value(SpeedKey, DefaultSpeed).toInt());
}

void Settings::setSpeed(int roundsPerSecond)
{
    m_settings.setValue(SpeedKey, roundsPerSecond);
}

int Settings::stepCount() const
{
    return std::max(1, m_settings.value(StepKey, DefaultStepCount).toInt());
}

void Settings::setStepCount(int rounds)
{
    m_settings.setValue(StepKey, rounds);
}

QString Settings::lastDirectory() const
{
    return m_settings.value(DirectoryKey, QDir::homePath()).toString();
}

void Settings::setLastDirectory(const QString& directory)
{
    m_settings.setValue(DirectoryKey, directory);
}

} // namespace haggle::ui
