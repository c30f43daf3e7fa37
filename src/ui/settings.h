// The desktop lab's persistent settings, each key declared once, typed (QSettings underneath).
#pragma once

#include "chartexport.h"

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
    // Where exports go (a folder of their own, ~/haggle-exports at first) and how they last looked.
    QString exportDirectory() const;
    void setExportDirectory(const QString& directory);
    charts::ExportLook exportLook() const;
    void setExportLook(const charts::ExportLook& look);

    static constexpr int MaxRecentFiles = 10;
    static constexpr int DefaultSpeed = 10;
    static constexpr int DefaultStepCount = 10;

private:
    QSettings m_settings;
};

} // namespace haggle::ui
