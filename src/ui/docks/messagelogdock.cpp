// The message log dock: the filter bar, the table over the filter proxy, and following the live run.
#include "messagelogdock.h"

#include "negotiationdetail.h"

#include "llmtranscript.h"

#include "messagefilterproxy.h"
#include "messagelogmodel.h"
#include "run.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMouseEvent>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <limits>

namespace haggle::ui {

namespace {

QString typeName(int type)
{
    const std::string_view name = messageTypeName(MessageType(type));
    return QString::fromLatin1(name.data(), qsizetype(name.size()));
}

QString grouped(qulonglong n)
{
    return QLocale().toString(n);
}

} // namespace

void MessageLogDock::setRun(Run* run)
{
    if (run == m_run)
        return;
    if (m_run)
        disconnect(m_run, nullptr, this, nullptr);
    m_run = run;
    clear();
    if (!run)
        return;
    const auto startOver = [this] {
        clear();
        setAgentIds(m_run->agentIds());
    };
    connect(run, &Run::startedOver, this, startOver);
    connect(run, &Run::shownChanged, this, &MessageLogDock::showShown);
    connect(run, &Run::snapshotChanged, this, [this](const SimulationSnapshot& s) {
        if (!s.newMessages.empty() || s.droppedMessages > 0)
            appendMessages(s.newMessages, s.droppedMessages);
    });
    setAgentIds(run->agentIds());
}

MessageLogDock::MessageLogDock(QWidget* parent)
    : QDockWidget(parent)
    , m_model(new MessageLogModel(this))
    , m_proxy(new MessageFilterProxy(this))
    , m_pastModel(new MessageLogModel(this))
{
    setObjectName(QStringLiteral("messageLogDock"));
    setWhatsThis(QStringLiteral("Every message of the protocol (requests, offers, counters, accepts, rejects, "
                                "reputation queries), newest last, filtered by agent and type. At full speed only "
                                "the latest messages are kept."));
    setWindowTitle(QStringLiteral("Message log"));
    m_proxy->setSourceModel(m_model);

    auto* contents = new QWidget(this);
    auto* layout = new QVBoxLayout(contents);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addWidget(createFilterBar());
    m_view = new QTableView(contents);
    setUpView();
    layout->addWidget(m_view, 1);
    m_detailLabel = new QLabel(contents);
    m_detailLabel->setObjectName(QStringLiteral("negotiationDetail"));
    m_detailLabel->setWordWrap(true);
    m_detailLabel->setTextFormat(Qt::RichText);
    m_detailLabel->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_detailLabel->setToolTip(QStringLiteral("The selected message's negotiation against bargaining theory (the "
                                             "scenario's analysis settings; docs/model.md), and what its LLM "
                                             "negotiators asked their model"));
    connect(m_detailLabel, &QLabel::linkActivated, this, [this](const QString& link) {
        if (link == QLatin1String(ConversationLink))
            openConversation();
    });
    m_detailLabel->hide();
    layout->addWidget(m_detailLabel);
    setWidget(contents);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &MessageLogDock::updateDetail);

    // The model emits at most one insert and one remove per batch, so recounting on each is cheap; the proxy's
    // own signals are not used because a filter change can emit one per run of matching rows.
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &MessageLogDock::updateCounts);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &MessageLogDock::updateCounts);
    connect(m_model, &QAbstractItemModel::modelReset, this, &MessageLogDock::updateCounts);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this,
        [this](const QModelIndex&, int first, int last) { onRowsRemoved(first, last); });
    updateCounts();
}

MessageLogDock::~MessageLogDock() = default;

QString MessageLogDock::negotiationDetail() const
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    if (!current.isValid() || !m_run)
        return {};
    const QModelIndex source = m_proxy->mapToSource(current);
    const MessageLogModel* model = showsPast() ? m_pastModel : m_model;
    return negotiationDetailText(*model, source.row(), m_run->scenario(), m_run->languageModel().get());
}

QWidget* MessageLogDock::openConversation()
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    const lab::LlmDialogue* dialogue = m_run ? m_run->languageModel().get() : nullptr;
    if (!current.isValid() || !dialogue)
        return nullptr;
    const MessageLogModel* model = showsPast() ? m_pastModel : m_model;
    const int row = m_proxy->mapToSource(current).row();
    const auto exchanges = negotiationConversation(*model, row, *dialogue);
    if (exchanges.empty())
        return nullptr;
    const LoggedMessage& picked = model->messageAt(row);
    return showLlmConversation(this,
        QStringLiteral("Negotiation %1, round %2: the conversation with the model")
            .arg(picked.message.negotiation)
            .arg(picked.round),
        exchanges);
}

void MessageLogDock::updateDetail()
{
    const QString text = negotiationDetail();
    m_detailLabel->setText(text);
    m_detailLabel->setVisible(!text.isEmpty());
}

QWidget* MessageLogDock::createFilterBar()
{
    auto* bar = new QWidget(this);
    auto* layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);

    m_agentCombo = new QComboBox(bar);
    m_agentCombo->setObjectName(QStringLiteral("agentFilter"));
    m_agentCombo->setToolTip(QStringLiteral("Show the messages an agent sent, received or was asked about"));
    m_agentCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_agentCombo->addItem(QStringLiteral("All agents"), -1);
    connect(m_agentCombo, &QComboBox::currentIndexChanged, this, &MessageLogDock::onAgentComboChanged);
    layout->addWidget(m_agentCombo);

    m_typeMenu = new QMenu(bar);
    m_typeMenu->setObjectName(QStringLiteral("typeFilterMenu"));
    m_allTypesAction = m_typeMenu->addAction(QStringLiteral("All"));
    m_allTypesAction->setCheckable(true);
    m_allTypesAction->setChecked(true);
    m_typeMenu->addSeparator();
    for (int type = 0; type < MessageTypeCount; ++type) {
        QAction* action = m_typeMenu->addAction(typeName(type));
        action->setCheckable(true);
        action->setData(type);
        m_typeActions[std::size_t(type)] = action;
    }
    connect(m_typeMenu, &QMenu::triggered, this, &MessageLogDock::onTypeActionTriggered);
    // Choosing several kinds is the common case, so clicks toggle without closing the menu (see eventFilter).
    m_typeMenu->installEventFilter(this);
    m_typeButton = new QToolButton(bar);
    m_typeButton->setObjectName(QStringLiteral("typeFilter"));
    m_typeButton->setPopupMode(QToolButton::InstantPopup);
    m_typeButton->setMenu(m_typeMenu);
    layout->addWidget(m_typeButton);
    updateTypeButton();

    auto makeRoundBox = [bar](const QString& name, const QString& tip) {
        auto* box = new QSpinBox(bar);
        box->setObjectName(name);
        box->setRange(0, std::numeric_limits<int>::max());
        box->setSpecialValueText(QStringLiteral("any"));
        box->setToolTip(tip);
        // Typing "120" would otherwise refilter the whole log for 1, 12 and 120.
        box->setKeyboardTracking(false);
        return box;
    };
    layout->addWidget(new QLabel(QStringLiteral("Rounds from"), bar));
    m_firstRound = makeRoundBox(QStringLiteral("firstRound"), QStringLiteral("First round shown (any = no limit)"));
    layout->addWidget(m_firstRound);
    layout->addWidget(new QLabel(QStringLiteral("to"), bar));
    m_lastRound = makeRoundBox(QStringLiteral("lastRound"), QStringLiteral("Last round shown (any = no limit)"));
    layout->addWidget(m_lastRound);
    connect(m_firstRound, &QSpinBox::valueChanged, this, &MessageLogDock::applyRoundRange);
    connect(m_lastRound, &QSpinBox::valueChanged, this, &MessageLogDock::applyRoundRange);

    m_followCheck = new QCheckBox(QStringLiteral("Follow"), bar);
    m_followCheck->setObjectName(QStringLiteral("follow"));
    m_followCheck->setToolTip(QStringLiteral("Keep the newest message in view"));
    m_followCheck->setChecked(true);
    connect(m_followCheck, &QCheckBox::toggled, this, [this](bool on) {
        if (on)
            m_view->scrollToBottom();
    });
    layout->addWidget(m_followCheck);

    layout->addStretch(1);
    m_noteLabel = new QLabel(bar);
    m_noteLabel->setObjectName(QStringLiteral("noteLabel"));
    m_noteLabel->hide();
    layout->addWidget(m_noteLabel);
    m_countLabel = new QLabel(bar);
    m_countLabel->setObjectName(QStringLiteral("countLabel"));
    layout->addWidget(m_countLabel);
    return bar;
}

void MessageLogDock::setUpView()
{
    m_view->setObjectName(QStringLiteral("messageLogView"));
    m_view->setModel(m_proxy);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->setSortingEnabled(false);

    // Row heights and column widths are fixed up front: measuring contents would read every row on each batch.
    QHeaderView* rows = m_view->verticalHeader();
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    rows->hide();

    QHeaderView* columns = m_view->horizontalHeader();
    columns->setSectionResizeMode(QHeaderView::Interactive);
    columns->setStretchLastSection(true);
    const QFontMetrics metrics = m_view->fontMetrics();
    const auto widthOf
        = [&metrics](const char* sample) { return metrics.horizontalAdvance(QString::fromLatin1(sample)) + 16; };
    m_view->setColumnWidth(MessageLogModel::RoundColumn, widthOf("Round00"));
    m_view->setColumnWidth(MessageLogModel::NegotiationColumn, widthOf("Negotiation0"));
    m_view->setColumnWidth(MessageLogModel::TurnColumn, widthOf("Turn0"));
    m_view->setColumnWidth(MessageLogModel::TypeColumn, widthOf("REPUTATION_RESPONSE"));
    m_view->setColumnWidth(MessageLogModel::FromColumn, widthOf("agent-0000"));
    m_view->setColumnWidth(MessageLogModel::ToColumn, widthOf("agent-0000"));
    m_view->setColumnWidth(MessageLogModel::PriceColumn, widthOf("000000.00"));

    connect(m_view->verticalScrollBar(), &QScrollBar::actionTriggered, this, &MessageLogDock::onScrollAction);
}

void MessageLogDock::setAgentIds(const QStringList& ids)
{
    const int previous = m_proxy->agentFilter();
    const QStringList& oldIds = m_model->agentIds();
    const QString previousId = previous >= 0 && previous < oldIds.size() ? oldIds.at(previous) : QString();
    const int selected = previousId.isEmpty() ? -1 : int(ids.indexOf(previousId));

    m_model->setAgentIds(ids);
    {
        const QSignalBlocker blocker(m_agentCombo);
        m_agentCombo->clear();
        m_agentCombo->addItem(QStringLiteral("All agents"), -1);
        for (int i = 0; i < ids.size(); ++i)
            m_agentCombo->addItem(ids.at(i), i);
    }
    setAgentFilter(selected);
}

void MessageLogDock::appendMessages(const std::vector<LoggedMessage>& messages, std::size_t dropped)
{
    m_skipped += dropped;
    m_model->append(messages);
    if (dropped > 0 && messages.empty())
        updateCounts();
    if (!messages.empty())
        scrollToNewestIfFollowing();
}

void MessageLogDock::clear()
{
    m_skipped = 0;
    m_model->clear();
    if (showsPast()) {
        m_pastRound = -1;
        m_pastModel->clear();
        m_proxy->setSourceModel(m_model);
    }
    updateDetail();
}

void MessageLogDock::setFollow(bool on)
{
    m_followCheck->setChecked(on);
}

bool MessageLogDock::follow() const
{
    return m_followCheck->isChecked();
}

void MessageLogDock::setAgentFilter(int agentIndex)
{
    const int comboIndex = agentIndex < 0 ? 0 : m_agentCombo->findData(agentIndex);
    {
        const QSignalBlocker blocker(m_agentCombo);
        m_agentCombo->setCurrentIndex(comboIndex < 0 ? 0 : comboIndex);
    }
    m_proxy->setAgentFilter(comboIndex <= 0 ? -1 : agentIndex);
    updateCounts();
    scrollToNewestIfFollowing();
}

int MessageLogDock::agentFilter() const
{
    return m_proxy->agentFilter();
}

void MessageLogDock::onAgentComboChanged(int comboIndex)
{
    const int agent = comboIndex < 0 ? -1 : m_agentCombo->itemData(comboIndex).toInt();
    m_proxy->setAgentFilter(agent);
    updateCounts();
    scrollToNewestIfFollowing();
    emit agentFilterChanged(agent);
}

void MessageLogDock::setTypeFilter(const QSet<int>& types)
{
    for (QAction* action : m_typeActions)
        action->setChecked(types.contains(action->data().toInt()));
    m_allTypesAction->setChecked(types.isEmpty());
    applyTypeFilter();
}

void MessageLogDock::onTypeActionTriggered(QAction* action)
{
    if (action == m_allTypesAction) {
        // "All" is the absence of a kind filter: it cannot be unchecked by itself, only by choosing a kind.
        m_allTypesAction->setChecked(true);
        for (QAction* kind : m_typeActions)
            kind->setChecked(false);
    } else {
        bool any = false;
        for (const QAction* kind : m_typeActions)
            any = any || kind->isChecked();
        m_allTypesAction->setChecked(!any);
    }
    applyTypeFilter();
}

void MessageLogDock::applyTypeFilter()
{
    QSet<int> types;
    for (const QAction* action : m_typeActions) {
        if (action->isChecked())
            types.insert(action->data().toInt());
    }
    m_proxy->setTypeFilter(types);
    updateTypeButton();
    updateCounts();
    scrollToNewestIfFollowing();
}

void MessageLogDock::updateTypeButton()
{
    QStringList names;
    for (const QAction* action : m_typeActions) {
        if (action->isChecked())
            names.append(action->text());
    }
    if (names.isEmpty() || names.size() == MessageTypeCount) {
        m_typeButton->setText(QStringLiteral("All types"));
        m_typeButton->setToolTip(QStringLiteral("Message kinds shown: all"));
    } else {
        m_typeButton->setText(names.size() == 1 ? names.first() : QString::number(names.size()) + u" types");
        m_typeButton->setToolTip(QStringLiteral("Message kinds shown: ") + names.join(QLatin1String(", ")));
    }
}

void MessageLogDock::setRoundRange(int first, int last)
{
    {
        const QSignalBlocker firstBlocker(m_firstRound);
        const QSignalBlocker lastBlocker(m_lastRound);
        m_firstRound->setValue(std::max(0, first));
        m_lastRound->setValue(std::max(0, last));
    }
    applyRoundRange();
}

void MessageLogDock::applyRoundRange()
{
    const int first = m_firstRound->value();
    const int last = m_lastRound->value();
    m_proxy->setRoundRange(first > 0 ? first : -1, last > 0 ? last : -1);
    updateCounts();
    scrollToNewestIfFollowing();
}

void MessageLogDock::showShown()
{
    if (m_run && m_run->showsPast()) {
        const SimulationSnapshot& past = m_run->shown();
        m_pastModel->setAgentIds(m_run->agentIds());
        m_pastModel->clear();
        m_pastModel->append(past.newMessages);
        m_pastRound = past.round;
        if (m_proxy->sourceModel() != m_pastModel)
            m_proxy->setSourceModel(m_pastModel);
        m_view->scrollToTop();
    } else {
        m_pastRound = -1;
        if (m_proxy->sourceModel() != m_model)
            m_proxy->setSourceModel(m_model);
        m_pastModel->clear();
        scrollToNewestIfFollowing();
    }
    updateCounts();
    updateDetail();
}

QString MessageLogDock::countText() const
{
    if (showsPast()) {
        const auto held = qulonglong(m_pastModel->rowCount());
        return QStringLiteral("Round %1 (replayed): ").arg(m_pastRound) + grouped(held)
            + (held == 1 ? QLatin1String(" message (") : QLatin1String(" messages ("))
            + grouped(qulonglong(m_proxy->rowCount())) + QLatin1String(" shown)");
    }
    const auto held = qulonglong(m_model->rowCount());
    return grouped(held) + (held == 1 ? QLatin1String(" message (") : QLatin1String(" messages ("))
        + grouped(qulonglong(m_proxy->rowCount())) + QLatin1String(" shown)");
}

QString MessageLogDock::noteText() const
{
    if (showsPast())
        return {};
    QStringList notes;
    if (m_skipped > 0)
        notes.append(grouped(m_skipped) + QLatin1String(" skipped at full speed"));
    const qsizetype trimmed = m_model->totalAppended() - m_model->rowCount();
    if (trimmed > 0)
        notes.append(grouped(qulonglong(trimmed)) + QLatin1String(" oldest not kept"));
    return notes.join(QLatin1String(", "));
}

void MessageLogDock::updateCounts()
{
    m_countLabel->setText(countText());
    const QString note = noteText();
    m_noteLabel->setText(note);
    m_noteLabel->setVisible(!note.isEmpty());
    if (!note.isEmpty()) {
        m_noteLabel->setToolTip(QStringLiteral("At full speed the worker sends only the newest %1 messages of each "
                                               "update; the log keeps the newest %2.")
                                    .arg(grouped(MaxMessagesPerSnapshot), grouped(qulonglong(m_model->capacity()))));
    }
}

void MessageLogDock::scrollToNewestIfFollowing()
{
    if (follow() && !showsPast())
        m_view->scrollToBottom();
}

// When not following, rows trimmed above the visible ones would slide the reader's rows up out of view; keep
// the first visible row in place instead (the view scrolls per item, so the scroll value is that row).
void MessageLogDock::onRowsRemoved(int first, int last)
{
    if (follow() || m_view->verticalScrollMode() != QAbstractItemView::ScrollPerItem)
        return;
    QScrollBar* bar = m_view->verticalScrollBar();
    const int top = bar->value();
    if (first >= top)
        return;
    const int removedAbove = std::min(last, top - 1) - first + 1;
    bar->setValue(std::max(0, top - removedAbove));
}

// Scrolling up by hand means the reader wants to stay there: stop following until Follow is checked again.
void MessageLogDock::onScrollAction(int action)
{
    if (action == QAbstractSlider::SliderNoAction || !follow())
        return;
    const QScrollBar* bar = m_view->verticalScrollBar();
    if (bar->sliderPosition() < bar->maximum())
        setFollow(false);
}

bool MessageLogDock::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_typeMenu && event->type() == QEvent::MouseButtonRelease) {
        const auto* mouse = static_cast<QMouseEvent*>(event);
        QAction* action = m_typeMenu->actionAt(mouse->position().toPoint());
        if (action && action->isEnabled() && action->isCheckable()) {
            action->trigger();
            return true;
        }
    }
    return QDockWidget::eventFilter(watched, event);
}

} // namespace haggle::ui
