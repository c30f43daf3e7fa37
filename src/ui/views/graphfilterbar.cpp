// The deal graph's search and filters (see graphfilterbar.h).
#include "graphfilterbar.h"

#include "dealgraphview.h"

#include <QAction>
#include <QActionGroup>
#include <QCompleter>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLineEdit>
#include <QMenu>
#include <QScrollBar>
#include <QShortcut>
#include <QStringListModel>
#include <QToolButton>

namespace haggle::ui {

GraphFilterBar::GraphFilterBar(DealGraphView* view)
    : QWidget(view)
    , m_view(view)
    , m_search(new QLineEdit(this))
    , m_ids(new QStringListModel(this))
    , m_filters(new QToolButton(this))
{
    setObjectName(QStringLiteral("graphFilterBar"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    m_search->setPlaceholderText(QStringLiteral("Find agent (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->setToolTip(QStringLiteral("An agent's id or part of it; Enter selects and centres it"));
    m_search->setMinimumWidth(180);
    auto* completer = new QCompleter(m_ids, this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    m_search->setCompleter(completer);
    connect(m_search, &QLineEdit::returnPressed, this, &GraphFilterBar::search);
    connect(completer, qOverload<const QString&>(&QCompleter::activated), this, &GraphFilterBar::search);
    connect(m_search, &QLineEdit::textEdited, this, [this] { m_search->setStyleSheet(QString()); });

    auto* menu = new QMenu(this);
    m_recent = menu->addAction(QStringLiteral("&Recent Deals Only"));
    m_recent->setToolTip(QStringLiteral("Pairs that dealt in the last %1 rounds").arg(EdgeFilter::RecentRounds));
    m_defaults = menu->addAction(QStringLiteral("&Defaults Only"));
    m_defaults->setToolTip(QStringLiteral("Pairs with a default between them"));
    m_neighbourhood = menu->addAction(QStringLiteral("&Neighbourhood of the Selected Agent"));
    m_neighbourhood->setToolTip(QStringLiteral("Only the selected agent's pairs; the agents it never dealt with fade"));
    for (QAction* a : { m_recent, m_defaults, m_neighbourhood }) {
        a->setCheckable(true);
        connect(a, &QAction::toggled, this, &GraphFilterBar::applyFilters);
    }
    m_minimumVolume = menu->addAction(QStringLiteral("&Minimum Volume..."));
    m_minimumVolume->setCheckable(true);
    connect(m_minimumVolume, &QAction::triggered, this, &GraphFilterBar::chooseMinimumVolume);
    menu->addSeparator();
    connect(menu->addAction(QStringLiteral("&Show All")), &QAction::triggered, this, &GraphFilterBar::showAll);
    menu->setToolTipsVisible(true);
    m_filters->setText(QStringLiteral("Filters"));
    m_filters->setMenu(menu);
    m_filters->setPopupMode(QToolButton::InstantPopup);
    m_filters->setToolTip(QStringLiteral("Which pairs the graph draws"));
    auto* arrange = new QMenu(this);
    auto* group = new QActionGroup(this);
    m_byRole = arrange->addAction(QStringLiteral("By &Role"));
    m_byRole->setToolTip(QStringLiteral("Bands by role: providers inside, seekers outside"));
    m_byStrategy = arrange->addAction(QStringLiteral("By &Strategy"));
    m_byStrategy->setToolTip(QStringLiteral("Bands by strategy: who plays how, at a glance"));
    m_byDeals = arrange->addAction(QStringLiteral("By &Deals"));
    m_byDeals->setToolTip(QStringLiteral("A force-directed layout of the pairs drawn, computed in the background"));
    for (QAction* a : { m_byRole, m_byStrategy, m_byDeals }) {
        a->setCheckable(true);
        group->addAction(a);
    }
    m_byRole->setChecked(true);
    arrange->setToolTipsVisible(true);
    connect(m_byRole, &QAction::triggered, this, [this] { m_view->arrangeBy(DealGraphView::Arrangement::Role); });
    connect(
        m_byStrategy, &QAction::triggered, this, [this] { m_view->arrangeBy(DealGraphView::Arrangement::Strategy); });
    connect(m_byDeals, &QAction::triggered, this, [this] { m_view->arrangeBy(DealGraphView::Arrangement::Deals); });
    m_arrange = new QToolButton(this);
    m_arrange->setText(QStringLiteral("Arrange"));
    m_arrange->setMenu(arrange);
    m_arrange->setPopupMode(QToolButton::InstantPopup);
    m_arrange->setToolTip(QStringLiteral("Where the agents are placed"));
    layout->addWidget(m_search);
    layout->addWidget(m_filters);
    layout->addWidget(m_arrange);

    auto* find = new QShortcut(QKeySequence::Find, view, nullptr, nullptr, Qt::WidgetWithChildrenShortcut);
    connect(find, &QShortcut::activated, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    place();
}

void GraphFilterBar::refreshAgents()
{
    m_ids->setStringList(m_view->agentIds());
    m_byRole->setChecked(true); // a new graph starts in its role bands
}

void GraphFilterBar::place()
{
    adjustSize();
    const int scroll = m_view->verticalScrollBar()->isVisible() ? m_view->verticalScrollBar()->width() : 0;
    move(std::max(0, m_view->width() - width() - scroll - 8), 8);
    raise();
}

void GraphFilterBar::search()
{
    const bool found = m_view->findAgent(m_search->text()) >= 0;
    m_search->setStyleSheet(found ? QString() : QStringLiteral("QLineEdit { background: #fde2e2; }"));
    m_search->setToolTip(found ? QStringLiteral("An agent's id or part of it; Enter selects and centres it")
                               : QStringLiteral("No agent's id contains \"%1\"").arg(m_search->text()));
}

void GraphFilterBar::applyFilters()
{
    EdgeFilter filter;
    filter.recentOnly = m_recent->isChecked();
    filter.defaultsOnly = m_defaults->isChecked();
    filter.neighbourhoodOnly = m_neighbourhood->isChecked();
    filter.minVolume = m_volume;
    m_minimumVolume->setChecked(m_volume > 0.0);
    m_minimumVolume->setText(m_volume > 0.0 ? QStringLiteral("&Minimum Volume (%1)...").arg(m_volume)
                                            : QStringLiteral("&Minimum Volume..."));
    const int active = int(filter.recentOnly) + int(filter.defaultsOnly) + int(filter.neighbourhoodOnly)
        + int(filter.minVolume > 0.0);
    m_filters->setText(active ? QStringLiteral("Filters (%1)").arg(active) : QStringLiteral("Filters"));
    place();
    m_view->setEdgeFilter(filter);
}

void GraphFilterBar::chooseMinimumVolume()
{
    bool ok = false;
    const double volume = QInputDialog::getDouble(this, QStringLiteral("Minimum volume"),
        QStringLiteral("Draw pairs that traded at least this many resource units:"), m_volume, 0.0, 1e9, 1, &ok);
    if (ok)
        m_volume = volume;
    applyFilters();
}

void GraphFilterBar::showAll()
{
    for (QAction* a : { m_recent, m_defaults, m_neighbourhood }) {
        const QSignalBlocker blocker(a);
        a->setChecked(false);
    }
    m_volume = 0.0;
    applyFilters();
}

} // namespace haggle::ui
