// Persistent settings (see settings.h).
#include "settings.h"

#include <QDir>

#include <algorithm>

namespace haggle::ui {

namespace {
const QString GeometryKey = QStringLiteral("window/geometry");
const QString StateKey = QStringLiteral("window/state");
const QString RecentKey = QStringLiteral("files/recent");
const QString DirectoryKey = QStringLiteral("files/lastDirectory");
const QString ExportDirectoryKey = QStringLiteral("export/directory");
const QString ExportWidthKey = QStringLiteral("export/width");
const QString ExportHeightKey = QStringLiteral("export/height");
const QString ExportScaleKey = QStringLiteral("export/scale");
const QString ExportFontScaleKey = QStringLiteral("export/fontScale");
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

QString Settings::exportDirectory() const
{
    return m_settings.value(ExportDirectoryKey, QDir(QDir::homePath()).filePath(QStringLiteral("haggle-exports")))
        .toString();
}

void Settings::setExportDirectory(const QString& directory)
{
    m_settings.setValue(ExportDirectoryKey, directory);
}

charts::ExportLook Settings::exportLook() const
{
    const charts::ExportLook defaults;
    charts::ExportLook look;
    look.logicalSize
        = QSize(std::clamp(m_settings.value(ExportWidthKey, defaults.logicalSize.width()).toInt(), 200, 10000),
            std::clamp(m_settings.value(ExportHeightKey, defaults.logicalSize.height()).toInt(), 150, 10000));
    look.scale = std::clamp(m_settings.value(ExportScaleKey, defaults.scale).toDouble(), 1.0, 4.0);
    look.fontScale = std::clamp(m_settings.value(ExportFontScaleKey, defaults.fontScale).toDouble(), 0.5, 3.0);
    return look;
}

void Settings::setExportLook(const charts::ExportLook& look)
{
    m_settings.setValue(ExportWidthKey, look.logicalSize.width());
    m_settings.setValue(ExportHeightKey, look.logicalSize.height());
    m_settings.setValue(ExportScaleKey, look.scale);
    m_settings.setValue(ExportFontScaleKey, look.fontScale);
}

} // namespace haggle::ui
