// The message log dock: every message of every negotiation in a table that follows the live run, with a filter
// bar (agent, message kinds, round range) and a count of what is held, shown and skipped.
#pragma once

#include "snapshot.h"

#include <QDockWidget>
#include <QPointer>
#include <QSet>
#include <QStringList>

#include <array>
#include <cstddef>
#include <vector>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QMenu;
class QSpinBox;
class QTableView;
class QToolButton;

namespace haggle::ui {

class MessageFilterProxy;
class MessageLogModel;
class Run;

class MessageLogDock : public QDockWidget {
    Q_OBJECT

public:
    explicit MessageLogDock(QWidget* parent = nullptr);
    ~MessageLogDock() override;

    MessageLogModel* model() const { return m_model; }
    MessageFilterProxy* proxy() const { return m_proxy; }
    QTableView* view() const { return m_view; }

    // Logs this run's messages from now on (the log starts empty; the filters stay). Null: none.
    void setRun(Run* run);
    // Refills the agent filter; an agent selected before stays selected if its id is still there, otherwise the
    // filter goes back to "All agents" (without emitting agentFilterChanged, as for setAgentFilter).
    void setAgentIds(const QStringList& ids);
    // One snapshot's messages; `dropped` = messages the worker did not send (counted in the "skipped" note).
    void appendMessages(const std::vector<LoggedMessage>& messages, std::size_t dropped);
    // Empties the log and the skipped count; the filters stay.
    void clear();

    void setFollow(bool on);
    bool follow() const;

    // Programmatic selection (e.g. an agent clicked elsewhere): emits nothing back.
    void setAgentFilter(int agentIndex);
    int agentFilter() const;
    // MessageType values, empty = all kinds; updates the kinds menu. Emits nothing.
    void setTypeFilter(const QSet<int>& types);
    // Inclusive rounds; 0 or less = unbounded on that side (rounds are numbered from 1).
    void setRoundRange(int first, int last);

    std::size_t skippedMessages() const { return m_skipped; }
    // The selected message's negotiation against bargaining theory (negotiationdetail.h); empty with no selection.
    QString negotiationDetail() const;
    // A window with the selected negotiation's conversation with the model in full (llmtranscript.h); null when it
    // has none.
    QWidget* openConversation();
    QString countText() const;
    QString noteText() const;

signals:
    // The user chose an agent in the filter bar (-1 = all agents).
    void agentFilterChanged(int agentIndex);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QWidget* createFilterBar();
    void setUpView();
    void onAgentComboChanged(int comboIndex);
    void onTypeActionTriggered(QAction* action);
    void applyTypeFilter();
    void updateTypeButton();
    void applyRoundRange();
    void updateCounts();
    void onRowsRemoved(int first, int last);
    void onScrollAction(int action);
    void scrollToNewestIfFollowing();
    // The run's cursor moved: a past round's messages (replayed, every one) in place of the live log, or the live
    // log again.
    void showShown();
    bool showsPast() const noexcept { return m_pastRound >= 0; }
    void updateDetail();

    MessageLogModel* m_model = nullptr;
    MessageFilterProxy* m_proxy = nullptr;
    QTableView* m_view = nullptr;
    QComboBox* m_agentCombo = nullptr;
    QToolButton* m_typeButton = nullptr;
    QMenu* m_typeMenu = nullptr;
    QAction* m_allTypesAction = nullptr;
    std::array<QAction*, MessageTypeCount> m_typeActions {};
    QSpinBox* m_firstRound = nullptr;
    QSpinBox* m_lastRound = nullptr;
    QCheckBox* m_followCheck = nullptr;
    QLabel* m_countLabel = nullptr;
    QLabel* m_noteLabel = nullptr;
    QLabel* m_detailLabel = nullptr; // the selected message's negotiation
    std::size_t m_skipped = 0;
    QPointer<Run> m_run;
    MessageLogModel* m_pastModel = nullptr; // the past round's messages, while the run's cursor is in the past
    int m_pastRound = -1;
};

} // namespace haggle::ui
