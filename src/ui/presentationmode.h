// Presentation mode (F11): the window full screen with only the views, the run toolbar and the status bar, and larger
// text on the charts and in the window, for a projector. Leaving it puts the docks, toolbars and window state back
// as they were.
#pragma once

#include <QByteArray>
#include <QFont>
#include <QObject>
#include <QPointer>

#include <functional>

class QAction;
class QMainWindow;

namespace haggle::ui {

class PresentationMode : public QObject {
    Q_OBJECT

public:
    // How much larger text is while presenting.
    static constexpr qreal FontScale = 1.4;

    // `setChartFontScale` sets the charts' text size (1 back to normal). The action (F11, checkable) is made here;
    // the caller puts it in a menu.
    PresentationMode(QMainWindow* window, std::function<void(qreal)> setChartFontScale);

    QAction* action() const noexcept { return m_action; }
    bool isActive() const noexcept { return m_active; }
    void setActive(bool on);

signals:
    void activeChanged(bool on);

private:
    QMainWindow* m_window;
    QAction* m_action;
    std::function<void(qreal)> m_setChartFontScale;
    bool m_active = false;
    QByteArray m_state; // docks and toolbars before presenting
    Qt::WindowStates m_windowState;
    QFont m_font;
    bool m_hadOwnFont = false;
};

} // namespace haggle::ui
