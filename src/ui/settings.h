// The desktop lab's persistent settings, each key declared once, typed (QSettings underneath).
#pragma once

#include <QByteArray>
#include <QSettings>
#include <QStringList>

namespace haggle::ui {

class Settings {
public:
    Settings();

    QByteArray geometry() const;
    void setGeometry(const QByteArray& value);
    QByteArray windowState() const;
    void setWindowState(const QByteArray& value);
    QStringList recentFiles() const;
    void setRecentFiles(const QStringList& files);
    void addRecentFile(const QString& file); // most recent first, at most MaxRecentFiles
    int speed() const; // rounds per second, 0 = full speed
    void setSpeed(int roundsPerSecond);
    int stepCount() const;
    void setStepCount(int rounds);
    QString lastDirectory() const;
    void setLastDirectory(const QString& directory);

    static constexpr int MaxRecentFiles = 10;
    static constexpr int DefaultSpeed = 10;
    static constexpr int DefaultStepCount = 10;

private:
    QSettings m_settings;
};

} // namespace haggle::ui
