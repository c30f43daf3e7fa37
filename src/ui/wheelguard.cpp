// Wheel events over unfocused fields in scrolled areas (see wheelguard.h).
#include "wheelguard.h"

#include <QAbstractScrollArea>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QEvent>
#include <QLineEdit>
#include <QWheelEvent>

namespace haggle::ui {

namespace {

// The spin box or combo box a wheel over this widget would change: the widget itself, or the one whose line edit it
// is. Not a combo box's open list, which scrolls as a list.
const QWidget* fieldOf(const QWidget* widget)
{
    const auto isField = [](const QWidget* w) {
        return qobject_cast<const QAbstractSpinBox*>(w) != nullptr || qobject_cast<const QComboBox*>(w) != nullptr;
    };
    if (isField(widget))
        return widget;
    if (qobject_cast<const QLineEdit*>(widget) && widget->parentWidget() && isField(widget->parentWidget()))
        return widget->parentWidget();
    return nullptr;
}

// The scrolled area the widget sits in, if any, within its window.
QAbstractScrollArea* scrollAreaOf(const QWidget* widget)
{
    for (QWidget* w = widget->parentWidget(); w && !w->isWindow(); w = w->parentWidget()) {
        if (auto* area = qobject_cast<QAbstractScrollArea*>(w))
            return area;
    }
    return nullptr;
}

} // namespace

void WheelGuard::install()
{
    QCoreApplication* app = QCoreApplication::instance();
    if (!app || app->findChild<WheelGuard*>(QString(), Qt::FindDirectChildrenOnly))
        return;
    app->installEventFilter(new WheelGuard(app));
}

bool WheelGuard::passesWheelOn(const QWidget* widget)
{
    const QWidget* field = widget ? fieldOf(widget) : nullptr;
    return field && !field->hasFocus() && scrollAreaOf(field) != nullptr;
}

bool WheelGuard::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() != QEvent::Wheel || !watched->isWidgetType())
        return false;
    const auto* widget = static_cast<QWidget*>(watched);
    if (!passesWheelOn(widget))
        return false;
    // The same turn of the wheel, given to the scrolled area's viewport where the pointer is.
    const auto* wheel = static_cast<QWheelEvent*>(event);
    QWidget* viewport = scrollAreaOf(widget)->viewport();
    const QPointF at = viewport->mapFromGlobal(wheel->globalPosition());
    QWheelEvent passed(at, wheel->globalPosition(), wheel->pixelDelta(), wheel->angleDelta(), wheel->buttons(),
        wheel->modifiers(), wheel->phase(), wheel->inverted(), wheel->source());
    QCoreApplication::sendEvent(viewport, &passed);
    return true;
}

} // namespace haggle::ui
