// The Help menu: the keyboard shortcuts (read from the window's own actions, so the list is never out of date),
// the user guide (README), the model and the scenario format (the installed documentation, or the source tree's in a
// development build), "What's This?" for every dock and view, and About.
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <utility>
#include <vector>

class QMainWindow;
class QMenu;
class QUrl;

namespace haggle::ui {

class HelpMenu : public QObject {
    Q_OBJECT

public:
    // Fills `menu` (its existing actions, such as About, stay at the end).
    HelpMenu(QMainWindow* window, QMenu* menu);

    // Every action of the window's menus that has a shortcut: (menu > action, keys), in menu order.
    std::vector<std::pair<QString, QString>> shortcuts() const;
    void showShortcuts();
    // The documentation file `name` ("README.md", "model.md"...): the installed copy, else the source tree's; empty
    // when there is none (`tried` gets the places looked at).
    static QString documentPath(const QString& name, QStringList* tried = nullptr);
    // Opens a document with the desktop's viewer; says where it is when it cannot.
    void openDocument(const QString& name);

    // How a file is opened (tests replace it); returns success.
    std::function<bool(const QUrl& url)> openUrl;

signals:
    void error(const QString& title, const QString& text);

private:
    QMainWindow* m_window;
};

} // namespace haggle::ui
