// Presentation mode (see presentationmode.h).
#include "presentationmode.h"

#include <QAction>
#include <QDockWidget>
#include <QMainWindow>
#include <QToolBar>

namespace haggle::ui {

PresentationMode::PresentationMode(QMainWindow* window, std::function<void(qreal)> setChartFontScale)
    : QObject(window)
    , m_window(window)
    , m_action(new QAction(QStringLiteral("&Presentation Mode"), window))
    , m_setChartFontScale(std::move(setChartFontScale))
{
    m_action->setCheckable(true);
    m_action->setShortcut(QKeySequence(Qt::Key_F11));
    m_action->setShortcutContext(Qt::ApplicationShortcut);
    m_action->setToolTip(
        QStringLiteral("Full screen with only the views and larger text, for a projector (F11 again to leave)"));
    m_action->setStatusTip(m_action->toolTip());
    window->addAction(m_action); // works while the menu bar is hidden
    connect(m_action, &QAction::toggled, this, &PresentationMode::setActive);
}

void PresentationMode::setActive(bool on)
{
    if (on == m_active)
        return;
    m_active = on;
    if (on) {
        m_state = m_window->saveState();
        m_windowState = m_window->windowState();
        m_hadOwnFont = m_window->testAttribute(Qt::WA_SetFont);
        m_font = m_window->font();
        for (QDockWidget* dock : m_window->findChildren<QDockWidget*>(Qt::FindDirectChildrenOnly))
            dock->hide();
        // The run toolbar stays: it is how the presenter steps and runs with the mouse.
        for (QToolBar* bar : m_window->findChildren<QToolBar*>(Qt::FindDirectChildrenOnly)) {
            if (bar->objectName() != QLatin1String("runToolBar"))
                bar->hide();
        }
        QFont larger = m_font;
        if (larger.pointSizeF() > 0)
            larger.setPointSizeF(larger.pointSizeF() * FontScale);
        else if (larger.pixelSize() > 0)
            larger.setPixelSize(qRound(larger.pixelSize() * FontScale));
        m_window->setFont(larger);
        m_setChartFontScale(FontScale);
        m_window->setWindowState(m_windowState | Qt::WindowFullScreen);
    } else {
        m_window->setWindowState(m_windowState);
        if (m_hadOwnFont)
            m_window->setFont(m_font);
        else
            m_window->setFont(QFont());
        m_setChartFontScale(1.0);
        m_window->restoreState(m_state);
    }
    const QSignalBlocker blocker(m_action);
    m_action->setChecked(on);
    emit activeChanged(on);
}

} // namespace haggle::ui
