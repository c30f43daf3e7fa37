// "Run to round": asks for the round to run to, and says what a value will do or why it is refused (a round already
// played; past the run's end, which extends the run).
#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QSpinBox;

namespace haggle::ui {

class RunToDialog : public QDialog {
    Q_OBJECT

public:
    // The run is at round `round` of `end`.
    RunToDialog(int round, int end, QWidget* parent = nullptr);

    int target() const;
    void setTarget(int round);
    // What the dialog says of the value shown, and whether OK takes it.
    QString explanation() const;
    bool acceptable() const;

private:
    void explain();

    int m_round;
    int m_end;
    QSpinBox* m_target;
    QLabel* m_explanation;
    QDialogButtonBox* m_buttons;
};

} // namespace haggle::ui
