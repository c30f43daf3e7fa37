// Scrolling a form must not change it: a wheel turned over a spin box or combo box that does not have the keyboard
// focus, inside a scrolled area (the Scenario dock, the Experiments window's parameters), scrolls the area instead of
// changing the value. Click (or Tab to) the field first and the wheel steps it as usual; fields outside scrolled areas
// (the toolbar's speed) keep their wheel.
#pragma once

#include <QObject>

class QWidget;

namespace haggle::ui {

class WheelGuard : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    // Installs one guard on the application (idempotent); it lives as long as the application.
    static void install();
    // Whether a wheel over this widget goes to the scrolled area around it rather than to the field.
    static bool passesWheelOn(const QWidget* widget);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
};

} // namespace haggle::ui
