// The timeline (see timeline.h).
#include "timeline.h"

#include "run.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QLabel>
#include <QPainter>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>

namespace haggle::ui {

namespace {

constexpr int StripHeight = 14;
constexpr int PageRounds = 10;

QString eventLabel(const ScenarioEvent& e)
{
    QString label = QString::fromStdString(e.type);
    if (!e.agent.empty())
        label += QStringLiteral(": ") + QString::fromStdString(e.agent);
    else if (!e.role.empty())
        label += QStringLiteral(": every ") + QString::fromStdString(e.role);
    if (e.type == "strategy")
        label += QStringLiteral(" turns ") + QString::fromStdString(e.strategy.type);
    return label;
}

} // namespace

TimelineStrip::TimelineStrip(QWidget* parent)
    : QWidget(parent)
{
    setMinimumHeight(StripHeight);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

std::vector<TimelineStrip::Mark> TimelineStrip::marksOf(const Scenario& scenario)
{
    std::vector<Mark> marks;
    for (const auto& p : scenario.demand.phases)
        marks.push_back({ p.firstRound, p.lastRound, QString::fromStdString(p.name), true });
    for (const auto& e : scenario.events) {
        const int last = e.lastRound.value_or(e.type == "leave" ? scenario.rounds : e.round);
        // A join marks the round it arrives; the rounds before it are the absence.
        marks.push_back({ e.round, std::max(e.round, last), eventLabel(e), false });
    }
    return marks;
}

void TimelineStrip::setMarks(std::vector<Mark> marks, int rounds)
{
    m_marks = std::move(marks);
    m_rounds = std::max(1, rounds);
    update();
}

void TimelineStrip::setRounds(int rounds)
{
    m_rounds = std::max(1, rounds);
    update();
}

void TimelineStrip::setCursor(int round, int newest)
{
    m_cursor = round;
    m_newest = newest;
    update();
}

QSize TimelineStrip::sizeHint() const
{
    return { 200, StripHeight };
}

double TimelineStrip::xOf(double round) const
{
    // The slider's groove spans the widget less a handle's width at each end, roughly; the strip uses the same.
    const double margin = 8.0;
    return margin + (width() - 2 * margin) * std::clamp(round / m_rounds, 0.0, 1.0);
}

void TimelineStrip::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette& pal = palette();
    // The rounds played so far, as a thin bar.
    p.fillRect(QRectF(xOf(0), height() - 3, xOf(m_newest) - xOf(0), 3), pal.color(QPalette::Mid));
    for (const Mark& m : m_marks) {
        const double x0 = xOf(m.first - 1);
        const double x1 = std::max(xOf(m.last), x0 + 2.0);
        if (m.phase) {
            QColor band = pal.color(QPalette::Highlight);
            band.setAlpha(50);
            p.fillRect(QRectF(x0, 0, x1 - x0, height() - 4), band);
        } else {
            QColor tick(200, 90, 20);
            if (m.last > m.first) {
                QColor band = tick;
                band.setAlpha(60);
                p.fillRect(QRectF(x0, 2, x1 - x0, height() - 6), band);
            }
            p.setPen(QPen(tick, 2));
            p.drawLine(QPointF(x0, 0), QPointF(x0, height() - 4));
        }
    }
    // The cursor, when it is off the newest round.
    if (m_cursor < m_newest) {
        p.setPen(QPen(pal.color(QPalette::Text), 2));
        p.drawLine(QPointF(xOf(m_cursor), 0), QPointF(xOf(m_cursor), height()));
    }
}

bool TimelineStrip::event(QEvent* event)
{
    if (event->type() != QEvent::ToolTip)
        return QWidget::event(event);
    const auto* help = static_cast<QHelpEvent*>(event);
    QStringList lines;
    for (const Mark& m : m_marks) {
        if (help->pos().x() >= xOf(m.first - 1) - 3 && help->pos().x() <= std::max(xOf(m.last), xOf(m.first - 1)) + 3)
            lines << (m.first == m.last ? QStringLiteral("Round %1: %2").arg(m.first).arg(m.label)
                                        : QStringLiteral("Rounds %1-%2: %3").arg(m.first).arg(m.last).arg(m.label));
    }
    if (lines.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(help->globalPos(), lines.join(u'\n'), this);
    return true;
}

Timeline::Timeline(QWidget* parent)
    : QWidget(parent)
    , m_strip(new TimelineStrip)
    , m_slider(new QSlider(Qt::Horizontal))
    , m_round(new QSpinBox)
    , m_live(new QToolButton)
    , m_status(new QLabel)
{
    setObjectName(QStringLiteral("timeline"));
    setWhatsThis(QStringLiteral("The timeline: drag it (or press Left/Right, Page Up/Down, Home/End on it, or the same "
                                "keys with Alt anywhere) to see every view as of an earlier round: the deal graph, "
                                "the inspector, the agents, the message log, the round table and a line on the "
                                "charts. The run stays where it is and can go on running; Live returns to the newest "
                                "round. Phases are drawn as bands, events as marks."));
    m_slider->setObjectName(QStringLiteral("timelineSlider"));
    m_slider->setSingleStep(1);
    m_slider->setPageStep(PageRounds);
    m_slider->setTracking(true);
    m_slider->setToolTip(QStringLiteral("Round shown (Left/Right: one round, Page Up/Down: ten, Home/End)"));
    m_round->setObjectName(QStringLiteral("timelineRound"));
    m_round->setPrefix(QStringLiteral("Round "));
    m_round->setKeyboardTracking(false);
    m_round->setToolTip(QStringLiteral("The round every view shows"));
    m_live->setObjectName(QStringLiteral("timelineLive"));
    m_live->setText(QStringLiteral("Live"));
    m_live->setCheckable(true);
    m_live->setToolTip(QStringLiteral("Follow the newest round (Alt+End)"));
    m_status->setObjectName(QStringLiteral("timelineStatus"));
    m_status->setMinimumWidth(m_status->fontMetrics().horizontalAdvance(QStringLiteral("Round 10,000,000 (replayed)")));

    auto* column = new QVBoxLayout;
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);
    column->addWidget(m_strip);
    column->addWidget(m_slider);
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(6, 2, 6, 2);
    row->addLayout(column, 1);
    row->addWidget(m_round);
    row->addWidget(m_live);
    row->addWidget(m_status);

    // The keys from anywhere in the window (the slider takes the same keys without Alt when it has focus).
    const auto action = [this](const QString& text, QKeySequence keys, auto slot) {
        auto* a = new QAction(text, this);
        a->setShortcut(keys);
        a->setShortcutContext(Qt::WindowShortcut);
        connect(a, &QAction::triggered, this, slot);
        addAction(a);
    };
    action(QStringLiteral("Back One Round"), QKeySequence(Qt::ALT | Qt::Key_Left), [this] { stepBy(-1); });
    action(QStringLiteral("Forward One Round"), QKeySequence(Qt::ALT | Qt::Key_Right), [this] { stepBy(1); });
    action(QStringLiteral("Back Ten Rounds"), QKeySequence(Qt::ALT | Qt::Key_PageUp), [this] { stepBy(-PageRounds); });
    action(
        QStringLiteral("Forward Ten Rounds"), QKeySequence(Qt::ALT | Qt::Key_PageDown), [this] { stepBy(PageRounds); });
    action(QStringLiteral("First Round"), QKeySequence(Qt::ALT | Qt::Key_Home), [this] { goToStart(); });
    action(QStringLiteral("Live (Newest Round)"), QKeySequence(Qt::ALT | Qt::Key_End), [this] { goLive(); });

    connect(m_slider, &QSlider::valueChanged, this, &Timeline::seekTo);
    connect(m_round, &QSpinBox::valueChanged, this, &Timeline::seekTo);
    connect(m_live, &QToolButton::clicked, this, [this](bool on) {
        if (on)
            goLive();
        else
            seekTo(m_slider->value());
    });
    setRun(nullptr);
}

void Timeline::setRun(Run* run)
{
    if (m_run)
        disconnect(m_run, nullptr, this, nullptr);
    m_run = run;
    if (run) {
        connect(run, &Run::snapshotChanged, this, &Timeline::sync);
        connect(run, &Run::cursorChanged, this, &Timeline::sync);
        connect(run, &Run::shownChanged, this, &Timeline::sync);
        connect(run, &Run::startedOver, this, [this] {
            m_strip->setMarks(TimelineStrip::marksOf(m_run->scenario()), m_run->scenario().rounds);
            sync();
        });
        m_strip->setMarks(TimelineStrip::marksOf(run->scenario()), run->scenario().rounds);
    }
    sync();
}

void Timeline::sync()
{
    const bool has = m_run && m_run->hasStarted();
    setEnabled(has);
    const int newest = has ? m_run->newestRound() : 0;
    const int cursor = has ? m_run->cursor() : 0;
    const int total = has ? std::max(m_run->latest().totalRounds, newest) : 1;
    {
        const QSignalBlocker a(m_slider);
        const QSignalBlocker b(m_round);
        m_slider->setRange(0, newest);
        m_slider->setValue(cursor);
        m_round->setRange(0, newest);
        m_round->setValue(cursor);
        m_live->setChecked(!has || m_run->followsNewest());
    }
    m_strip->setRounds(total);
    m_strip->setCursor(cursor, newest);
    if (!has) {
        m_status->setText(QString());
    } else if (m_run->followsNewest()) {
        m_status->setText(QStringLiteral("Live: round %L1").arg(newest));
    } else if (!m_run->showsPast() || m_run->shown().round != cursor) {
        m_status->setText(QStringLiteral("Restoring round %L1...").arg(cursor));
    } else {
        m_status->setText(QStringLiteral("Round %L1 of %L2").arg(cursor).arg(newest));
        m_status->setToolTip(m_run->pastError().isEmpty()
                ? QStringLiteral("Every view shows the state after round %1, restored from a checkpoint and "
                                 "replayed (each round's state hash checked).")
                      .arg(cursor)
                : m_run->pastError());
    }
}

void Timeline::seekTo(int round)
{
    if (m_run && m_run->hasStarted())
        m_run->setCursor(round);
}

void Timeline::stepBy(int rounds)
{
    if (m_run)
        seekTo(m_run->cursor() + rounds);
}

void Timeline::goToStart()
{
    seekTo(0);
}

void Timeline::goLive()
{
    if (m_run)
        seekTo(m_run->newestRound());
}

} // namespace haggle::ui
