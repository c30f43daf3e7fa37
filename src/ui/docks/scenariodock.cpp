// The Scenario dock (see scenariodock.h).
#include "scenariodock.h"

#include "demandrulesmodel.h"
#include "eventsmodel.h"
#include "kindeditor.h"
#include "kinds.h"
#include "rulessets.h"
#include "scenariodocument.h"
#include "strategyregistry.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFont>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRandomGenerator>
#include <QRegularExpressionValidator>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace haggle::ui {

namespace {

QDoubleSpinBox* unitBox(double max = 1.0, double step = 0.05)
{
    auto* box = new QDoubleSpinBox;
    box->setRange(0.0, max);
    box->setSingleStep(step);
    box->setDecimals(3);
    box->setKeyboardTracking(false);
    return box;
}

QTableView* rulesView(DemandRulesModel* model)
{
    auto* view = new QTableView;
    view->setModel(model);
    view->verticalHeader()->setVisible(false);
    view->horizontalHeader()->setStretchLastSection(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setMinimumHeight(90);
    return view;
}

QString loadPremiumTip()
{
    return QStringLiteral("How much a seller's asking price rises with the share of its capacity already leased (0: "
                          "flat prices)");
}

QString jobValueTip()
{
    return QStringLiteral("What a unit of compute used for a job is worth to the agent that ran it");
}

NeedRule defaultRule()
{
    NeedRule r;
    r.who = NeedRule::Who::Role;
    r.role = "seeker";
    r.need.gpu = 10.0;
    return r;
}

} // namespace

ScenarioDock::ScenarioDock(ScenarioDocument* document, QWidget* parent)
    : QDockWidget(QStringLiteral("Scenario"), parent)
    , m_document(document)
    , m_rules(new QComboBox)
    , m_rulesProblems(new QLabel)
    , m_name(new QLineEdit)
    , m_rounds(new QSpinBox)
    , m_seed(new QLineEdit)
    , m_mechanism(new KindEditor(mechanismCatalog().infos()))
    , m_settlement(new KindEditor(settlementCatalog().infos()))
    , m_loadPremium(unitBox(10.0))
    , m_jobValue(unitBox(100.0))
    , m_reputation(new KindEditor(reputationCatalog().infos()))
    , m_trust(unitBox())
    , m_cheaters(new QLabel)
    , m_pretrustedLabel(new QLabel(QStringLiteral("Pre-trusted peers:")))
    , m_pretrusted(new QListWidget)
    , m_gossipProbability(unitBox(1.0, 0.05))
    , m_gossipFanout(new QSpinBox)
    , m_gossipBelow(unitBox(1.0, 0.05))
    , m_events(new EventsModel(this))
    , m_eventsView(new QTableView)
    , m_baseRules(new DemandRulesModel(this))
    , m_baseView(rulesView(m_baseRules))
    , m_phases(new QListWidget)
    , m_phaseName(new QLineEdit)
    , m_phaseFirst(new QSpinBox)
    , m_phaseLast(new QSpinBox)
    , m_phaseRules(new DemandRulesModel(this))
    , m_phaseView(rulesView(m_phaseRules))
    , m_body(new QWidget)
    , m_locked(new QLabel)
{
    setObjectName(QStringLiteral("scenarioDock"));
    setWhatsThis(QStringLiteral(
        "The scenario's settings: the rules it runs under, rounds, seed, market, the mechanism and settlement, the "
        "reputation model and the demand rules. Edits are undoable and apply from the next "
        "Reset (Ctrl+R)."));
    auto* layout = new QVBoxLayout(m_body);

    auto* general = new QGroupBox(QStringLiteral("Run"));
    auto* form = new QFormLayout(general);
    for (const std::string_view rules : { HaggleRules, PrototypeRules }) {
        m_rules->addItem(rulesTitle(rules), QString::fromUtf8(rules.data(), qsizetype(rules.size())));
        m_rules->setItemData(m_rules->count() - 1, rulesDescription(rules), Qt::ToolTipRole);
    }
    m_rules->setToolTip(QStringLiteral(
        "<p>The rules the scenario runs under.</p><p><b>Haggle's rules</b>: %1.</p><p><b>Prototype rules</b>: %2.</p>"
        "<p>The strategies, mechanisms, settlements and reputation models offered follow the rules. Switch and "
        "Reset (Ctrl+R) to run the same scenario under the other rules; a scenario they cannot run is left as it "
        "is and its problems are listed here.</p>")
                            .arg(rulesDescription(HaggleRules).toHtmlEscaped(),
                                rulesDescription(PrototypeRules).toHtmlEscaped()));
    m_rules->setWhatsThis(m_rules->toolTip());
    form->addRow(QStringLiteral("Rul&es"), m_rules);
    m_rulesProblems->setObjectName(QStringLiteral("rulesProblems"));
    m_rulesProblems->setWordWrap(true);
    m_rulesProblems->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_rulesProblems->setStyleSheet(
        QStringLiteral("QLabel { background: #fdecea; border: 1px solid #e0a09a; color: #5f1410; padding: 3px; }"));
    m_rulesProblems->hide();
    form->addRow(m_rulesProblems);
    m_name->setToolTip(QStringLiteral("The scenario's name: in the window title, the banner and exported titles"));
    form->addRow(QStringLiteral("&Name"), m_name);
    m_rounds->setToolTip(QStringLiteral("Rounds the run plays before it ends (Extend Run plays more)"));
    m_rounds->setRange(1, MaxRounds);
    m_rounds->setKeyboardTracking(false);
    form->addRow(QStringLiteral("&Rounds"), m_rounds);
    auto* seedRow = new QHBoxLayout;
    m_seed->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("\\d{1,20}")), m_seed));
    m_seed->setToolTip(QStringLiteral("The same seed gives the same run, every time and everywhere"));
    auto* newSeed = new QPushButton(QStringLiteral("New"));
    newSeed->setToolTip(QStringLiteral("Draw a new random seed"));
    seedRow->addWidget(m_seed);
    seedRow->addWidget(newSeed);
    form->addRow(QStringLiteral("Seed"), seedRow);
    m_loadPremium->setToolTip(loadPremiumTip());
    m_jobValue->setToolTip(jobValueTip());
    form->addRow(QStringLiteral("Load premium"), m_loadPremium);
    form->addRow(QStringLiteral("Job value"), m_jobValue);
    layout->addWidget(general);

    // The round's pluggable parts, each chosen from its catalog with its own parameters.
    auto* market = new QGroupBox(QStringLiteral("Market"));
    auto* marketForm = new QFormLayout(market);
    m_mechanism->chooser()->setToolTip(QStringLiteral("How buyers and sellers meet and agree"));
    m_settlement->chooser()->setToolTip(QStringLiteral("What an agreement does to holdings and budgets"));
    marketForm->addRow(QStringLiteral("&Mechanism"), m_mechanism);
    marketForm->addRow(QStringLiteral("Se&ttlement"), m_settlement);
    layout->addWidget(market);

    auto* trust = new QGroupBox(QStringLiteral("Reputation"));
    auto* trustForm = new QFormLayout(trust);
    m_reputation->chooser()->setToolTip(QStringLiteral("The reputation model every agent keeps its views with"));
    trustForm->addRow(QStringLiteral("Mo&del"), m_reputation);
    m_trust->setToolTip(QStringLiteral("Trust threshold of every reputation-aware agent"));
    trustForm->addRow(QStringLiteral("Trust threshold"), m_trust);
    m_cheaters->setWordWrap(true);
    m_cheaters->setToolTip(QStringLiteral("The agents with the cheater strategy and how often each defaults (set "
                                          "in the Agents table)"));
    trustForm->addRow(QStringLiteral("Cheaters"), m_cheaters);
    m_pretrusted->setObjectName(QStringLiteral("pretrustedPeers"));
    m_pretrusted->setMaximumHeight(96);
    m_pretrusted->setToolTip(QStringLiteral(
        "<p>The agents every peer trusts from the start (EigenTrust's pre-trusted peers, its vector <i>p</i>): "
        "global trust flows out from them, so a clique of cheaters cannot vouch itself up. Check the agents to "
        "trust.</p><p>Only a model that needs them (EigenTrust) reads them; it refuses an empty list.</p>"));
    m_pretrustedLabel->setBuddy(m_pretrusted);
    m_pretrustedLabel->setWordWrap(true);
    m_pretrustedLabel->setToolTip(m_pretrusted->toolTip());
    // The list under its label, across the form: a long label would widen every row's label column.
    trustForm->addRow(m_pretrustedLabel);
    trustForm->addRow(m_pretrusted);
    m_gossipProbability->setObjectName(QStringLiteral("gossipProbability"));
    m_gossipProbability->setToolTip(QStringLiteral(
        "<p>Gossip, the round's last word: with this probability each agent that dealt this round tells peers "
        "drawn at random (Fanout of them) its view of each of this round's partners, in GOSSIP messages the "
        "listeners take as witness reports. A colluder vouches for its ring instead. 0 turns gossip off.</p>"));
    trustForm->addRow(QStringLiteral("&Gossip"), m_gossipProbability);
    m_gossipFanout->setObjectName(QStringLiteral("gossipFanout"));
    m_gossipFanout->setRange(1, MaxGossipFanout);
    m_gossipFanout->setKeyboardTracking(false);
    m_gossipFanout->setToolTip(
        QStringLiteral("Gossip: how many peers, drawn at random, each teller tells (1 to %1)").arg(MaxGossipFanout));
    trustForm->addRow(QStringLiteral("Fan&out"), m_gossipFanout);
    m_gossipBelow->setObjectName(QStringLiteral("gossipBelow"));
    m_gossipBelow->setToolTip(QStringLiteral(
        "<p>Gossip tells only warnings: views below this level (the prototype's gossip told views below 0.4). "
        "1 tells every view, good news too.</p>"));
    trustForm->addRow(QStringLiteral("&Warnings below"), m_gossipBelow);
    layout->addWidget(trust);

    auto* eventsBox = new QGroupBox(QStringLiteral("Events"));
    auto* eventsLayout = new QVBoxLayout(eventsBox);
    m_eventsView->setObjectName(QStringLiteral("eventsTable"));
    m_eventsView->setModel(m_events);
    m_eventsView->setItemDelegate(new EventsDelegate(m_eventsView));
    m_eventsView->verticalHeader()->setVisible(false);
    m_eventsView->horizontalHeader()->setStretchLastSection(true);
    m_eventsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_eventsView->setMinimumHeight(80);
    m_eventsView->setToolTip(QStringLiteral(
        "What happens during the run, at a round or over rounds: a price shock, a demand surge, an outage, an agent "
        "joining or leaving, an agent taking up another strategy (a cheater injected) or a reputation reset. Edit a "
        "row's cells (the Event column changes its kind). Events of the same round apply in the order listed; they "
        "are marked on the timeline and the charts."));
    eventsLayout->addWidget(m_eventsView);
    auto* eventButtons = new QHBoxLayout;
    auto* addEventButton = new QPushButton(QStringLiteral("Add event"));
    auto* removeEventButton = new QPushButton(QStringLiteral("Remove event"));
    addEventButton->setToolTip(QStringLiteral("A new event: the first agent turns cheater half-way through the run "
                                              "(edit the row to change it)"));
    removeEventButton->setToolTip(QStringLiteral("Remove the selected event"));
    eventButtons->addWidget(addEventButton);
    eventButtons->addWidget(removeEventButton);
    eventButtons->addStretch();
    eventsLayout->addLayout(eventButtons);
    layout->addWidget(eventsBox);

    auto* demand = new QGroupBox(QStringLiteral("Demand"));
    auto* demandLayout = new QVBoxLayout(demand);
    demandLayout->addWidget(new QLabel(QStringLiteral("Every round (outside phases):")));
    m_baseView->setToolTip(QStringLiteral("Who needs compute each round outside the phases: the agents (by role "
                                          "or id), the chance each needs it, and how much"));
    demandLayout->addWidget(m_baseView);
    auto* ruleButtons = new QHBoxLayout;
    auto* addRule = new QPushButton(QStringLiteral("Add rule"));
    auto* removeRule = new QPushButton(QStringLiteral("Remove rule"));
    addRule->setToolTip(QStringLiteral("A new demand rule for every round outside the phases"));
    removeRule->setToolTip(QStringLiteral("Remove the selected rule"));
    ruleButtons->addWidget(addRule);
    ruleButtons->addWidget(removeRule);
    ruleButtons->addStretch();
    demandLayout->addLayout(ruleButtons);
    demandLayout->addWidget(new QLabel(QStringLiteral("Phases (e.g. a rush hour):")));
    m_phases->setMaximumHeight(80);
    m_phases->setToolTip(QStringLiteral("Phases replace the rules above for their rounds (e.g. a rush hour): select "
                                        "one to edit it below"));
    demandLayout->addWidget(m_phases);
    auto* phaseButtons = new QHBoxLayout;
    auto* addPhase = new QPushButton(QStringLiteral("Add phase"));
    auto* removePhase = new QPushButton(QStringLiteral("Remove phase"));
    addPhase->setToolTip(QStringLiteral("A new phase after the last one, with rules of its own"));
    removePhase->setToolTip(QStringLiteral("Remove the selected phase"));
    phaseButtons->addWidget(addPhase);
    phaseButtons->addWidget(removePhase);
    phaseButtons->addStretch();
    demandLayout->addLayout(phaseButtons);
    auto* phaseForm = new QFormLayout;
    m_phaseFirst->setRange(1, MaxRounds);
    m_phaseLast->setRange(1, MaxRounds);
    m_phaseFirst->setKeyboardTracking(false);
    m_phaseLast->setKeyboardTracking(false);
    phaseForm->addRow(QStringLiteral("Phase name"), m_phaseName);
    auto* range = new QHBoxLayout;
    range->addWidget(m_phaseFirst);
    range->addWidget(new QLabel(QStringLiteral("to")));
    range->addWidget(m_phaseLast);
    phaseForm->addRow(QStringLiteral("Rounds"), range);
    demandLayout->addLayout(phaseForm);
    demandLayout->addWidget(m_phaseView);
    auto* phaseRuleButtons = new QHBoxLayout;
    auto* addPhaseRule = new QPushButton(QStringLiteral("Add rule"));
    auto* removePhaseRule = new QPushButton(QStringLiteral("Remove rule"));
    addPhaseRule->setToolTip(QStringLiteral("A new demand rule for the selected phase"));
    removePhaseRule->setToolTip(QStringLiteral("Remove the selected rule of the phase"));
    phaseRuleButtons->addWidget(addPhaseRule);
    phaseRuleButtons->addWidget(removePhaseRule);
    phaseRuleButtons->addStretch();
    demandLayout->addLayout(phaseRuleButtons);
    layout->addWidget(demand);
    layout->addStretch();

    auto* scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setWidget(m_body);
    // Why the fields are greyed while a run plays: said above them, where it stays readable.
    m_locked->setWordWrap(true);
    m_locked->setText(QStringLiteral("A run is playing: pause it (F5) to edit. Edits apply from the next Reset "
                                     "(Ctrl+R)."));
    m_locked->setStyleSheet(QStringLiteral("QLabel { background: #fff4d6; border: 1px solid #e0c070; padding: 3px; }"));
    m_locked->hide();
    auto* outer = new QWidget;
    auto* outerLayout = new QVBoxLayout(outer);
    outerLayout->setContentsMargins(0, 0, 0, 0);
    outerLayout->setSpacing(2);
    outerLayout->addWidget(m_locked);
    outerLayout->addWidget(scroll, 1);
    setWidget(outer);

    // Edits: build the changed settings and hand them to the document as one undo command.
    connect(
        m_rules, &QComboBox::activated, this, [this](int index) { switchRules(m_rules->itemData(index).toString()); });
    connect(m_name, &QLineEdit::editingFinished, this, [this] {
        Scenario s = current();
        s.name = m_name->text().toStdString();
        apply(s, QStringLiteral("Rename scenario"));
    });
    connect(m_rounds, &QSpinBox::valueChanged, this, [this](int v) {
        Scenario s = current();
        s.rounds = v;
        apply(s, QStringLiteral("Set rounds to %1").arg(v));
    });
    connect(m_seed, &QLineEdit::editingFinished, this, [this] {
        bool ok = false;
        const quint64 seed = m_seed->text().toULongLong(&ok);
        if (!ok) {
            emit message(QStringLiteral("The seed must be a whole number between 0 and 18446744073709551615"));
            load();
            return;
        }
        Scenario s = current();
        s.seed = seed;
        apply(s, QStringLiteral("Set seed to %1").arg(seed));
    });
    connect(newSeed, &QPushButton::clicked, this, [this] {
        Scenario s = current();
        s.seed = QRandomGenerator::global()->bounded(quint64(1) << 53);
        apply(s, QStringLiteral("New seed %1").arg(s.seed));
    });
    connect(m_mechanism, &KindEditor::specEdited, this, [this](const KindSpec& spec) {
        Scenario s = current();
        s.mechanism = spec;
        apply(s, QStringLiteral("Change the mechanism"));
    });
    connect(m_settlement, &KindEditor::specEdited, this, [this](const KindSpec& spec) {
        Scenario s = current();
        s.settlement = spec;
        apply(s, QStringLiteral("Change the settlement"));
    });
    connect(m_reputation, &KindEditor::specEdited, this, [this](const KindSpec& spec) {
        Scenario s = current();
        s.reputation.model = spec.type;
        s.reputation.params = spec.params;
        // A model that starts from pre-trusted peers refuses none: pick one so the scenario stays valid, and say so.
        QString picked;
        if (needsPretrusted(spec.type) && s.reputation.pretrusted.empty() && !s.agents.empty()) {
            const auto aware = std::find_if(s.agents.begin(), s.agents.end(),
                [](const AgentSpec& a) { return a.strategy.trustThreshold.has_value(); });
            const AgentSpec& first = aware != s.agents.end() ? *aware : s.agents.front();
            s.reputation.pretrusted.push_back(first.id);
            picked = QString::fromStdString(first.id);
        }
        apply(s, QStringLiteral("Change the reputation model"));
        if (!picked.isEmpty() && m_document->scenario().reputation.model == spec.type)
            emit message(QStringLiteral("%1 starts from pre-trusted peers: %2 is pre-trusted (change it under "
                                        "Pre-trusted peers in the Scenario dock)")
                             .arg(QString::fromUtf8(spec.type.data(), qsizetype(spec.type.size())), picked));
    });
    connect(m_pretrusted, &QListWidget::itemChanged, this, [this](QListWidgetItem* item) {
        Scenario s = current();
        const std::string id = item->data(Qt::UserRole).toString().toStdString();
        auto& list = s.reputation.pretrusted;
        const auto at = std::find(list.begin(), list.end(), id);
        const bool checked = item->checkState() == Qt::Checked;
        if (checked && at == list.end())
            list.push_back(id);
        else if (!checked && at != list.end())
            list.erase(at);
        apply(s,
            checked ? QStringLiteral("Pre-trust %1").arg(QString::fromStdString(id))
                    : QStringLiteral("Stop pre-trusting %1").arg(QString::fromStdString(id)));
    });
    connect(m_gossipProbability, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        Scenario s = current();
        s.reputation.gossip.probability = v;
        apply(s, QStringLiteral("Set gossip probability to %1").arg(v));
    });
    connect(m_gossipFanout, &QSpinBox::valueChanged, this, [this](int v) {
        Scenario s = current();
        s.reputation.gossip.fanout = v;
        apply(s, QStringLiteral("Set gossip fanout to %1").arg(v));
    });
    connect(m_gossipBelow, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        Scenario s = current();
        s.reputation.gossip.below = v;
        apply(s, QStringLiteral("Set gossip warnings below %1").arg(v));
    });
    connect(m_events, &EventsModel::eventsEdited, this, [this](const std::vector<ScenarioEvent>& events) {
        Scenario s = current();
        s.events = events;
        apply(s, QStringLiteral("Edit event"));
    });
    connect(addEventButton, &QPushButton::clicked, this, &ScenarioDock::addEvent);
    connect(removeEventButton, &QPushButton::clicked, this, &ScenarioDock::removeSelectedEvent);
    connect(m_loadPremium, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        Scenario s = current();
        s.market.loadPremium = v;
        apply(s, QStringLiteral("Set load premium to %1").arg(v));
    });
    connect(m_jobValue, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        Scenario s = current();
        s.market.jobValue = v;
        apply(s, QStringLiteral("Set job value to %1").arg(v));
    });
    connect(m_trust, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        // The threshold belongs to each wrapped agent: change them all in one undoable step.
        auto* undo = m_document->undoStack();
        undo->beginMacro(QStringLiteral("Set trust threshold to %1").arg(v));
        for (std::size_t i = 0; i < m_document->scenario().agents.size(); ++i) {
            AgentSpec a = m_document->scenario().agents[i];
            if (a.strategy.trustThreshold) {
                a.strategy.trustThreshold = v;
                m_document->setAgent(int(i), a);
            }
        }
        undo->endMacro();
    });

    connect(m_baseRules, &DemandRulesModel::rulesEdited, this, [this](const std::vector<NeedRule>& rules) {
        Scenario s = current();
        s.demand.rules = rules;
        apply(s, QStringLiteral("Edit demand"));
    });
    connect(addRule, &QPushButton::clicked, this, [this] {
        Scenario s = current();
        s.demand.rules.push_back(defaultRule());
        apply(s, QStringLiteral("Add demand rule"));
    });
    connect(removeRule, &QPushButton::clicked, this, [this] {
        const QModelIndex i = m_baseView->currentIndex();
        if (!i.isValid())
            return;
        Scenario s = current();
        s.demand.rules.erase(s.demand.rules.begin() + i.row());
        apply(s, QStringLiteral("Remove demand rule"));
    });
    connect(m_phases, &QListWidget::currentRowChanged, this, &ScenarioDock::loadPhase);
    connect(addPhase, &QPushButton::clicked, this, [this] {
        Scenario s = current();
        DemandPhase p;
        p.name = "rush hour";
        int last = 0;
        for (const auto& q : s.demand.phases)
            last = std::max(last, q.lastRound);
        p.firstRound = std::min(last + 1, s.rounds);
        p.lastRound = std::min(p.firstRound + 9, s.rounds);
        NeedRule everyone;
        everyone.need.gpu = 10.0;
        p.rules = { everyone };
        s.demand.phases.push_back(p);
        apply(s, QStringLiteral("Add phase"));
        m_phases->setCurrentRow(int(s.demand.phases.size()) - 1);
    });
    connect(removePhase, &QPushButton::clicked, this, [this] {
        const int p = currentPhase();
        if (p < 0)
            return;
        Scenario s = current();
        s.demand.phases.erase(s.demand.phases.begin() + p);
        apply(s, QStringLiteral("Remove phase"));
    });
    const auto editPhase = [this](auto change, const QString& what) {
        const int p = currentPhase();
        if (p < 0)
            return;
        Scenario s = current();
        change(s.demand.phases[static_cast<std::size_t>(p)]);
        apply(s, what);
    };
    connect(m_phaseName, &QLineEdit::editingFinished, this, [this, editPhase] {
        editPhase(
            [this](DemandPhase& p) { p.name = m_phaseName->text().toStdString(); }, QStringLiteral("Rename phase"));
    });
    connect(m_phaseFirst, &QSpinBox::valueChanged, this,
        [editPhase](int v) { editPhase([v](DemandPhase& p) { p.firstRound = v; }, QStringLiteral("Move phase")); });
    connect(m_phaseLast, &QSpinBox::valueChanged, this,
        [editPhase](int v) { editPhase([v](DemandPhase& p) { p.lastRound = v; }, QStringLiteral("Move phase")); });
    connect(m_phaseRules, &DemandRulesModel::rulesEdited, this, [editPhase](const std::vector<NeedRule>& rules) {
        editPhase([&rules](DemandPhase& p) { p.rules = rules; }, QStringLiteral("Edit phase demand"));
    });
    connect(addPhaseRule, &QPushButton::clicked, this, [editPhase] {
        editPhase([](DemandPhase& p) { p.rules.push_back(defaultRule()); }, QStringLiteral("Add phase rule"));
    });
    connect(removePhaseRule, &QPushButton::clicked, this, [this, editPhase] {
        const QModelIndex i = m_phaseView->currentIndex();
        if (i.isValid())
            editPhase([row = i.row()](DemandPhase& p) { p.rules.erase(p.rules.begin() + row); },
                QStringLiteral("Remove phase rule"));
    });

    connect(document, &ScenarioDocument::changed, this, &ScenarioDock::load);
    load();
}

bool ScenarioDock::switchRules(const QString& rules)
{
    const std::string wanted = rules.toStdString();
    if (wanted == m_document->scenario().rules) {
        m_refusedRules.clear();
        loadRulesProblems();
        return true;
    }
    Scenario s = m_document->scenario();
    s.rules = wanted;
    const auto issues = validateScenario(s);
    if (!issues.empty()) {
        m_refusedRules = wanted;
        load(); // the box back to the document's rules; the problems under it
        emit message(QStringLiteral("%1 cannot run this scenario (%2 problem%3, listed in the Scenario dock): it "
                                    "stays under %4")
                         .arg(rulesTitle(wanted))
                         .arg(issues.size())
                         .arg(issues.size() == 1 ? QString() : QStringLiteral("s"))
                         .arg(rulesTitle(m_document->scenario().rules)));
        return false;
    }
    m_refusedRules.clear();
    apply(s, QStringLiteral("Switch to %1").arg(rulesTitle(wanted)));
    return m_document->scenario().rules == wanted;
}

QString ScenarioDock::rulesProblems() const
{
    return m_rulesProblems->isHidden() ? QString() : m_rulesProblems->text();
}

void ScenarioDock::loadRulesProblems()
{
    // The problems of the last refused switch, as they stand now: each fix the user makes shortens the list.
    std::vector<ScenarioIssue> issues;
    if (!m_refusedRules.empty() && m_refusedRules != m_settings.rules) {
        Scenario s = m_settings;
        s.rules = m_refusedRules;
        issues = validateScenario(s);
    }
    if (issues.empty()) {
        m_refusedRules.clear();
        m_rulesProblems->hide();
        m_rulesProblems->clear();
        return;
    }
    m_rulesProblems->setText(QStringLiteral("%1 cannot run this scenario until these are changed:\n%2")
                                 .arg(rulesTitle(m_refusedRules), issuesText(issues)));
    m_rulesProblems->show();
}

void ScenarioDock::setEditable(bool editable)
{
    m_body->setEnabled(editable);
    m_locked->setVisible(!editable);
    m_body->setToolTip(editable ? QString() : m_locked->text());
}

QString ScenarioDock::lockedReason() const
{
    return m_locked->isHidden() ? QString() : m_locked->text();
}

bool ScenarioDock::needsPretrusted(const std::string& model) const
{
    for (const KindInfo& info : reputationKinds(m_settings.rules)) {
        if (info.name == model)
            return std::find(info.protocols.begin(), info.protocols.end(), PretrustedPeers) != info.protocols.end();
    }
    return false;
}

void ScenarioDock::addEvent()
{
    Scenario s = current();
    if (s.agents.empty()) {
        emit message(QStringLiteral("Add an agent first: an event changes an agent's strategy"));
        return;
    }
    ScenarioEvent e;
    e.round = std::max(1, s.rounds / 2);
    e.agent = s.agents.front().id;
    e.strategy.type = "cheater";
    e.strategy.trustThreshold = s.agents.front().strategy.trustThreshold;
    s.events.push_back(e);
    apply(s, QStringLiteral("Add event"));
    m_eventsView->selectRow(int(m_document->scenario().events.size()) - 1);
}

void ScenarioDock::removeSelectedEvent()
{
    const QModelIndex i = m_eventsView->currentIndex();
    if (!i.isValid() || i.row() >= int(m_settings.events.size()))
        return;
    Scenario s = current();
    s.events.erase(s.events.begin() + i.row());
    apply(s, QStringLiteral("Remove event"));
}

void ScenarioDock::loadReputationExtras()
{
    const Scenario& s = m_settings;
    const bool prototype = isPrototypeRules(s.rules);
    const bool needed = needsPretrusted(s.reputation.model);
    {
        const QSignalBlocker block(m_pretrusted);
        m_pretrusted->clear();
        int listed = 0;
        for (const AgentSpec& a : s.agents) {
            const bool trusted = std::find(s.reputation.pretrusted.begin(), s.reputation.pretrusted.end(), a.id)
                != s.reputation.pretrusted.end();
            if (listed >= MaxPretrustedChoices && !trusted)
                continue;
            ++listed;
            auto* item = new QListWidgetItem(QString::fromStdString(a.id), m_pretrusted);
            item->setData(Qt::UserRole, QString::fromStdString(a.id));
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
            item->setCheckState(trusted ? Qt::Checked : Qt::Unchecked);
            if (a.strategy.trustThreshold)
                item->setToolTip(QStringLiteral("%1: reputation-aware (%2)")
                                     .arg(QString::fromStdString(a.id), QString::fromStdString(a.strategy.type)));
        }
    }
    // Emphasised when the model reads them; otherwise still editable (kept for a switch back to such a model).
    QFont font = m_pretrustedLabel->font();
    font.setBold(needed);
    m_pretrustedLabel->setFont(font);
    m_pretrustedLabel->setText(needed ? QStringLiteral("Pre-trusted peers (%1 needs at least one):")
                                            .arg(QString::fromStdString(s.reputation.model))
                                      : QStringLiteral("Pre-trusted peers:"));
    m_pretrusted->setEnabled(!prototype);
    m_pretrusted->setStyleSheet(needed ? QStringLiteral("QListWidget { border: 1px solid #3a78c2; }") : QString());
    m_pretrustedLabel->setToolTip(needed ? m_pretrusted->toolTip()
                                         : QStringLiteral("The %1 model does not read pre-trusted peers; EigenTrust "
                                                          "does (they are kept for it)")
                                               .arg(QString::fromStdString(s.reputation.model)));
    const QSignalBlocker b1(m_gossipProbability), b2(m_gossipFanout), b3(m_gossipBelow);
    m_gossipProbability->setValue(s.reputation.gossip.probability);
    m_gossipFanout->setValue(s.reputation.gossip.fanout);
    m_gossipBelow->setValue(s.reputation.gossip.below);
    m_gossipBelow->setEnabled(!prototype && s.reputation.gossip.probability > 0.0);
    m_gossipProbability->setEnabled(!prototype);
    m_gossipFanout->setEnabled(!prototype && s.reputation.gossip.probability > 0.0);
    QStringList ids;
    QStringList roles;
    for (const AgentSpec& a : s.agents) {
        ids.append(QString::fromStdString(a.id));
        if (!roles.contains(QString::fromStdString(a.role)))
            roles.append(QString::fromStdString(a.role));
    }
    m_events->setEvents(s.events, ids, s.rules, roles);
    m_eventsView->setEnabled(!prototype || !s.events.empty());
}

int ScenarioDock::currentPhase() const
{
    const int row = m_phases->currentRow();
    return row >= 0 && row < int(m_settings.demand.phases.size()) ? row : -1;
}

void ScenarioDock::apply(const Scenario& edited, const QString& description)
{
    QString error;
    if (!m_document->setSettings(edited, description, &error)) {
        emit message(QStringLiteral("Edit refused: ") + error);
        load(); // put the widgets back to the document's values
    }
}

void ScenarioDock::load()
{
    m_settings = m_document->scenario();
    const Scenario& s = m_settings;
    const QSignalBlocker b0(m_rules), b1(m_name), b2(m_rounds), b3(m_seed), b5(m_loadPremium), b6(m_jobValue),
        b10(m_trust), b11(m_phases);
    m_rules->setCurrentIndex(m_rules->findData(QString::fromStdString(s.rules)));
    if (m_shownRules != s.rules) {
        // The kind editors offer the catalogs of the scenario's rules set.
        m_shownRules = s.rules;
        m_mechanism->setKinds(mechanismKinds(s.rules));
        m_settlement->setKinds(settlementKinds(s.rules));
        m_reputation->setKinds(reputationKinds(s.rules));
    }
    loadRulesProblems();
    // The prototype values every unit at 1 and has no load premium or job payments: nothing to set under its rules.
    const bool prototype = isPrototypeRules(s.rules);
    m_loadPremium->setEnabled(!prototype);
    m_jobValue->setEnabled(!prototype);
    m_loadPremium->setToolTip(prototype ? QStringLiteral("The prototype rules have no load premium: prices do not "
                                                         "rise with load (switch to Haggle's rules to set it)")
                                        : loadPremiumTip());
    m_jobValue->setToolTip(prototype ? QStringLiteral("The prototype rules pay nothing for jobs run: every unit is "
                                                      "worth 1 (switch to Haggle's rules to set it)")
                                     : jobValueTip());
    m_name->setText(QString::fromStdString(s.name));
    m_rounds->setValue(s.rounds);
    m_seed->setText(QString::number(s.seed));
    m_mechanism->setSpec(s.mechanism);
    m_settlement->setSpec(s.settlement);
    m_reputation->setSpec({ s.reputation.model, s.reputation.params });
    m_loadPremium->setValue(s.market.loadPremium);
    m_jobValue->setValue(s.market.jobValue);
    std::optional<double> threshold;
    QStringList cheaters;
    for (const auto& a : s.agents) {
        if (a.strategy.trustThreshold && !threshold)
            threshold = a.strategy.trustThreshold;
        if (!isCheaterStrategy(s.rules, a.strategy.type))
            continue;
        if (findStrategyKind(s.rules, a.strategy.type)
            && findStrategyKind(s.rules, a.strategy.type)->param("cheat_probability"))
            cheaters.append(
                QStringLiteral("%1 (defaults %2%)")
                    .arg(QString::fromStdString(a.id))
                    .arg(100.0 * strategyParameterValue(s.rules, a.strategy, "cheat_probability"), 0, 'g', 3));
        else
            cheaters.append(
                QStringLiteral("%1 (%2)").arg(QString::fromStdString(a.id), QString::fromStdString(a.strategy.type)));
    }
    m_trust->setEnabled(threshold.has_value());
    m_trust->setToolTip(threshold ? QStringLiteral("Trust threshold of every reputation-aware agent: each refuses "
                                                   "partners it rates below it")
                                  : QStringLiteral("No agent is reputation-aware: give one a trust threshold in the "
                                                   "Agents table to set it here for all of them"));
    m_trust->setValue(threshold.value_or(DefaultTrustThreshold));
    m_cheaters->setText(cheaters.isEmpty() ? QStringLiteral("none") : cheaters.join(QStringLiteral(", ")));
    loadReputationExtras();
    m_baseRules->setRules(s.demand.rules);
    const int selected = m_phases->currentRow();
    m_phases->clear();
    for (const auto& p : s.demand.phases)
        m_phases->addItem(
            QStringLiteral("%1 (rounds %2-%3)").arg(QString::fromStdString(p.name)).arg(p.firstRound).arg(p.lastRound));
    if (!s.demand.phases.empty())
        m_phases->setCurrentRow(std::clamp(selected, 0, int(s.demand.phases.size()) - 1));
    loadPhase();
}

void ScenarioDock::loadPhase()
{
    const int p = currentPhase();
    const QSignalBlocker b1(m_phaseName), b2(m_phaseFirst), b3(m_phaseLast);
    const bool has = p >= 0;
    m_phaseName->setEnabled(has);
    m_phaseFirst->setEnabled(has);
    m_phaseLast->setEnabled(has);
    m_phaseView->setEnabled(has);
    const QString none = QStringLiteral("No phase selected: add one (Add phase) or select one in the list above");
    m_phaseName->setToolTip(
        has ? QStringLiteral("The phase's name: on the charts' shading and in the Rounds tab") : none);
    m_phaseFirst->setToolTip(has ? QStringLiteral("First round of the phase") : none);
    m_phaseLast->setToolTip(has ? QStringLiteral("Last round of the phase") : none);
    m_phaseView->setToolTip(has ? QStringLiteral("Who needs compute in the phase's rounds, in place of the rules "
                                                 "above")
                                : none);
    if (!has) {
        m_phaseName->clear();
        m_phaseRules->setRules({});
        return;
    }
    const DemandPhase& phase = m_settings.demand.phases[static_cast<std::size_t>(p)];
    m_phaseName->setText(QString::fromStdString(phase.name));
    m_phaseFirst->setValue(phase.firstRound);
    m_phaseLast->setValue(phase.lastRound);
    m_phaseRules->setRules(phase.rules);
}

} // namespace haggle::ui
